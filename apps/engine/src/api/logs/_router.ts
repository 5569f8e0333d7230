import { LogsPageSchema, LogsQueryInputSchema } from '@weir/contract';
import { router, viewerProcedure } from '../trpc.js';

export const logsRouter = router({
  /** Engine log lines, newest first, of this instance or the one named. Not audited (a query). */
  query: viewerProcedure
    .input(LogsQueryInputSchema)
    .output(LogsPageSchema)
    .query(({ ctx, input }) => ctx.logs.query(input, ctx.request)),
});
