import { SnapshotListInputSchema, SnapshotSchema } from '@weir/shared';
import { z } from 'zod';
import { router, viewerProcedure } from '../trpc.js';

export const checkpointsRouter = router({
  list: viewerProcedure
    .input(SnapshotListInputSchema)
    .output(z.array(SnapshotSchema))
    .query(({ ctx, input }) => ctx.backend.listCheckpoints(input.jobId, input.limit)),
});
