import {
  DeadLetterSchema,
  DeadLettersInputSchema,
  JobDetailSchema,
  JobEventSchema,
  JobExceptionSchema,
  JobOperationSchema,
  JobRefInputSchema,
  type JobSpec,
  JobSpecSchema,
  JobSummarySchema,
  JobTimelineInputSchema,
  OperationRefSchema,
  RecentResultsInputSchema,
  RescaleRequestSchema,
  RestoreCheckSchema,
  RestoreInputSchema,
  redactSecrets,
  VertexLoadHistorySchema,
  VertexRefInputSchema,
  WindowResultSchema,
} from '@weir/contract';
import { z } from 'zod';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const jobsRouter = router({
  list: viewerProcedure
    .output(z.array(JobSummarySchema))
    .query(({ ctx }) => ctx.backend.listJobs()),
  get: viewerProcedure
    .input(JobRefInputSchema)
    .output(JobDetailSchema)
    .query(async ({ ctx, input }) => {
      const job = await ctx.backend.getJob(input.jobId);
      // Viewers may read the spec, not the credentials in its connector configs.
      return { ...job, spec: redactSecrets(job.spec) as JobSpec };
    }),
  /** Starts a job from a spec; restores from the job's newest valid checkpoint if it has one. */
  submit: operatorProcedure
    .input(JobSpecSchema)
    .output(JobSummarySchema)
    .mutation(({ ctx, input }) => ctx.backend.submitJob(input)),
  /** Per-subtask busy and backpressured ratios over the last minutes. */
  loadHistory: viewerProcedure
    .input(VertexRefInputSchema)
    .output(VertexLoadHistorySchema)
    .query(({ ctx, input }) => ctx.backend.vertexLoadHistory(input.jobId, input.vertexId)),
  recentResults: viewerProcedure
    .input(RecentResultsInputSchema)
    .output(z.array(WindowResultSchema))
    .query(({ ctx, input }) => ctx.backend.recentResults(input.jobId, input.limit)),
  deadLetters: viewerProcedure
    .input(DeadLettersInputSchema)
    .output(z.array(DeadLetterSchema))
    .query(({ ctx, input }) => ctx.backend.deadLetters(input.jobId, input.limit)),
  exceptions: viewerProcedure
    .input(JobRefInputSchema)
    .output(z.array(JobExceptionSchema))
    .query(({ ctx, input }) => ctx.backend.exceptions(input.jobId)),
  /** What happened to the job, newest first: kept in the database, past failover and restart. */
  timeline: viewerProcedure
    .input(JobTimelineInputSchema)
    .output(z.array(JobEventSchema))
    .query(({ ctx, input }) => ctx.timeline.list(input)),
  /** Dry run of a restore: what would be restored, dropped or start empty. Reads the snapshot. */
  restoreCheck: operatorProcedure
    .input(RestoreInputSchema)
    .output(RestoreCheckSchema)
    .query(({ ctx, input }) => ctx.backend.restoreCheck(input)),
  cancel: operatorProcedure
    .input(JobRefInputSchema)
    .output(JobSummarySchema)
    .mutation(({ ctx, input }) => ctx.backend.cancel(input.jobId)),
  restore: operatorProcedure
    .input(RestoreInputSchema)
    .output(JobOperationSchema)
    .mutation(({ ctx, input }) => ctx.backend.restore(input)),
  rescale: operatorProcedure
    .input(RescaleRequestSchema)
    .output(JobOperationSchema)
    .mutation(({ ctx, input }) => ctx.backend.rescale(input)),
  operation: viewerProcedure
    .input(OperationRefSchema)
    .output(JobOperationSchema)
    .query(({ ctx, input }) => ctx.backend.operation(input.operationId)),
  /** The job's restores and rescales, newest first, running ones included. */
  operations: viewerProcedure
    .input(JobRefInputSchema)
    .output(z.array(JobOperationSchema))
    .query(({ ctx, input }) => ctx.backend.listOperations(input.jobId)),
});
