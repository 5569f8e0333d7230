import {
  DisposeSavepointInputSchema,
  SavepointStatusInputSchema,
  SavepointTriggerStatusSchema,
  SnapshotListInputSchema,
  SnapshotSchema,
  StopWithSavepointInputSchema,
  TriggerSavepointInputSchema,
} from '@weir/contract';
import { z } from 'zod';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const savepointsRouter = router({
  list: viewerProcedure
    .input(SnapshotListInputSchema)
    .output(z.array(SnapshotSchema))
    .query(({ ctx, input }) => ctx.backend.listSavepoints(input.jobId, input.limit)),
  trigger: operatorProcedure
    .input(TriggerSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(({ ctx, input }) => ctx.backend.triggerSavepoint(input.jobId, input.triggerId)),
  dispose: operatorProcedure
    .input(DisposeSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(({ ctx, input }) => ctx.backend.disposeSavepoint(input.jobId, input.checkpointId)),
  status: viewerProcedure
    .input(SavepointStatusInputSchema)
    .output(SavepointTriggerStatusSchema)
    .query(({ ctx, input }) => ctx.backend.savepointStatus(input.jobId, input.triggerId)),
  /** Takes a savepoint and stops the job at it (after firing every window if `drain`). */
  stop: operatorProcedure
    .input(StopWithSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(({ ctx, input }) => ctx.backend.stopWithSavepoint(input.jobId, input.drain)),
});
