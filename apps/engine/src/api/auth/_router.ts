import { LoginInputSchema, LogoutOutputSchema, MeSchema } from '@weir/contract';
import { actorOf } from '../../auth/principal.js';
import { publicProcedure, router } from '../trpc.js';
import { loginHandler } from './login.handler.js';

export const authRouter = router({
  login: publicProcedure.input(LoginInputSchema).output(MeSchema).mutation(loginHandler),
  /** Deletes the session server-side, so the cookie is worthless even if it was copied. */
  logout: publicProcedure.output(LogoutOutputSchema).mutation(async ({ ctx }) => {
    const { principal } = ctx;
    if (principal?.kind === 'user') {
      await ctx.audit.transaction((db) => db.sessions.delete(principal.sessionId));
    }
    ctx.cookies.clear();
    return { signedOut: principal?.kind === 'user' };
  }),
  /** Null when signed out: the console's cue to show the login page. */
  me: publicProcedure.output(MeSchema.nullable()).query(({ ctx }) => {
    const { principal } = ctx;
    return principal && { name: actorOf(principal), role: principal.role, kind: principal.kind };
  }),
});
