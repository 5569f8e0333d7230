import type { Role } from '@weir/contract';

/** Who is calling: a signed-in user (session cookie) or an API token (bearer header). */
export type Principal =
  | { kind: 'user'; userId: number; username: string; role: Role; sessionId: string }
  | { kind: 'token'; tokenId: number; name: string; role: Role };

/** The name audit rows record. Usernames cannot contain ':', so the two never collide. */
export function actorOf(principal: Principal | null): string {
  if (principal === null) return 'anonymous';
  return principal.kind === 'user' ? principal.username : `token:${principal.name}`;
}
