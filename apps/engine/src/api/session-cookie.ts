import type { ServerResponse } from 'node:http';
import type { SessionCookie } from './context.js';

export const SESSION_COOKIE = 'weir_session';

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/**
 * HttpOnly keeps the session from page scripts; SameSite=Strict keeps browsers from sending
 * it with requests started by other sites. Secure is set when the browser came over HTTPS:
 * on plain http (the local default) a Secure cookie would never be sent back.
 */
export function sessionCookieOn(
  res: ServerResponse,
  opts: { secure: boolean; now: () => number },
): SessionCookie {
  const attributes = `Path=/; HttpOnly; SameSite=Strict${opts.secure ? '; Secure' : ''}`;
  return {
    set(secret, expiresAt) {
      const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - opts.now()) / 1000));
      res.appendHeader(
        'Set-Cookie',
        `${SESSION_COOKIE}=${secret}; ${attributes}; Max-Age=${maxAge}`,
      );
    },
    clear() {
      res.appendHeader('Set-Cookie', `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`);
    },
  };
}
