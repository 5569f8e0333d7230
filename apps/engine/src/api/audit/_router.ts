import { AuditListInputSchema, AuditPageSchema } from '@weir/contract';
import { router, viewerProcedure } from '../trpc.js';

/** Read-only on purpose: the API offers no way to change or delete the audit trail. */
export const auditRouter = router({
  list: viewerProcedure
    .input(AuditListInputSchema)
    .output(AuditPageSchema)
    .query(async ({ ctx, input }) => {
      const { from, to, cursor, ...filters } = input;
      const rows = await ctx.store.audit.list({
        ...filters,
        beforeId: cursor ?? undefined,
        from: from === undefined ? undefined : new Date(from),
        to: to === undefined ? undefined : new Date(to),
      });
      const last = rows.at(-1);
      return { rows, nextCursor: rows.length === input.limit && last ? last.id : null };
    }),
});
