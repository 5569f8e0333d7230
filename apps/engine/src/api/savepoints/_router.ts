import { SnapshotListInputSchema, SnapshotSchema, TriggerSavepointInputSchema } from '@weir/shared';
import { z } from 'zod';
import { mutatingProcedure, publicProcedure, router } from '../trpc.js';

export const savepointsRouter = router({
  list: publicProcedure
    .input(SnapshotListInputSchema)
    .output(z.array(SnapshotSchema))
    .query(({ ctx, input }) => ctx.backend.listSavepoints(input.jobId, input.limit)),
  trigger: mutatingProcedure
    .input(TriggerSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(({ ctx, input }) => ctx.backend.triggerSavepoint(input.jobId)),
});
