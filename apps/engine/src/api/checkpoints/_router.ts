import {
  CheckpointCountsSchema,
  JobRefInputSchema,
  SnapshotListInputSchema,
  SnapshotRefInputSchema,
  SnapshotSchema,
} from '@weir/contract';
import { z } from 'zod';
import { router, viewerProcedure } from '../trpc.js';

export const checkpointsRouter = router({
  list: viewerProcedure
    .input(SnapshotListInputSchema)
    .output(z.array(SnapshotSchema))
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).listCheckpoints(input.jobId, input.limit),
    ),
  /** Completed, failed and in-progress checkpoints over the job's whole recorded history. */
  counts: viewerProcedure
    .input(JobRefInputSchema)
    .output(CheckpointCountsSchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).checkpointCounts(input.jobId),
    ),
  /** One checkpoint (or savepoint) with its statistics: per-subtask acks and the straggler. */
  get: viewerProcedure
    .input(SnapshotRefInputSchema)
    .output(SnapshotSchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).getSnapshot(
        input.jobId,
        input.kind,
        input.checkpointId,
      ),
    ),
});
