import { TRPCClientError } from '@trpc/client';

export const LOGIN_PATH = '/login';

/** True when the engine said the caller is not signed in (or the session ended). */
export function isUnauthorized(error: unknown): boolean {
  return (
    error instanceof TRPCClientError &&
    (error.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED'
  );
}

/**
 * Sends the browser to the login page, remembering where it was. A full navigation, not a
 * client-side one: it drops every cached answer of the session that just ended.
 */
export function redirectToLogin(): void {
  const { pathname, search } = window.location;
  if (pathname === LOGIN_PATH) return;
  window.location.assign(`${LOGIN_PATH}?next=${encodeURIComponent(pathname + search)}`);
}

/** Only same-site paths: `next` comes from the URL, and "//evil.example" is a full URL. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
