import { SnapshotListInputSchema, SnapshotSchema } from '@weir/shared';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

export const checkpointsRouter = router({
  list: publicProcedure
    .input(SnapshotListInputSchema)
    .output(z.array(SnapshotSchema))
    .query(({ ctx, input }) => ctx.backend.listCheckpoints(input.jobId, input.limit)),
});
