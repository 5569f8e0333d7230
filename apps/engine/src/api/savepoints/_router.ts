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
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).listSavepoints(input.jobId, input.limit),
    ),
  trigger: operatorProcedure
    .input(TriggerSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).triggerSavepoint(input.jobId, input.triggerId),
    ),
  dispose: operatorProcedure
    .input(DisposeSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).disposeSavepoint(input.jobId, input.checkpointId),
    ),
  status: viewerProcedure
    .input(SavepointStatusInputSchema)
    .output(SavepointTriggerStatusSchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).savepointStatus(input.jobId, input.triggerId),
    ),
  /** Takes a savepoint and stops the job at it (after firing every window if `drain`). */
  stop: operatorProcedure
    .input(StopWithSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).stopWithSavepoint(input.jobId, input.drain),
    ),
});
