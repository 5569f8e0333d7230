import { TRPCError } from '@trpc/server';
import type { LoginInput, Me } from '@weir/contract';
import type { ApiContext } from '../context.js';
import type { AuditScope } from '../trpc.js';

interface Options {
  ctx: ApiContext & { audit: AuditScope };
  input: LoginInput;
}

/** Checks the password (rate-limited), opens a server-side session and sets its cookie. */
export async function loginHandler({ ctx, input }: Options): Promise<Me> {
  const { auth, request, principal } = ctx;
  const check = await auth.checkPassword(
    input.username,
    input.password,
    request.sourceAddress ?? '',
  );
  if (!check.ok && check.reason === 'rate-limited') {
    const seconds = Math.ceil(check.retryAfterMs / 1000);
    ctx.setResponseHeader('retry-after', String(seconds));
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `Too many sign-in attempts; try again in ${seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`}.`,
    });
  }
  if (!check.ok)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong username or password.' });

  const { user } = check;
  const session = await ctx.audit.transaction(
    async (db) => {
      // Signing in again from the same browser replaces its session rather than adding one.
      if (principal?.kind === 'user') await db.sessions.delete(principal.sessionId);
      return auth.openSession(db, user, request.sourceAddress);
    },
    { actor: user.username },
  );
  ctx.cookies.set(session.secret, session.expiresAt);
  return { name: user.username, role: user.role, kind: 'user' };
}
