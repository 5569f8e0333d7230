import {
  CreatedTokenSchema,
  CreateTokenInputSchema,
  RevokeTokenInputSchema,
  TokenSchema,
} from '@weir/contract';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import { adminProcedure, router } from '../trpc.js';

const DAY_MS = 86_400_000;

export const tokensRouter = router({
  list: adminProcedure.output(z.array(TokenSchema)).query(({ ctx }) => ctx.store.tokens.list()),
  create: adminProcedure
    .input(CreateTokenInputSchema)
    .output(CreatedTokenSchema)
    .mutation(async ({ ctx, input }) => {
      const { expiresInDays } = input;
      const { token, record } = await ctx.audit.transaction((db) =>
        ctx.auth.issueToken(db, {
          name: input.name,
          role: input.role,
          createdBy: actorOf(ctx.principal),
          expiresInMs: expiresInDays === undefined ? null : expiresInDays * DAY_MS,
        }),
      );
      return { token, info: record };
    }),
  /** Takes effect on the token's next request: every request looks the token up. */
  revoke: adminProcedure
    .input(RevokeTokenInputSchema)
    .output(TokenSchema)
    .mutation(({ ctx, input }) =>
      ctx.audit.transaction((db) => db.tokens.revoke(input.name, ctx.auth.now())),
    ),
});
