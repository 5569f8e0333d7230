import {
  DeadLetterSchema,
  DeadLettersInputSchema,
  JobDetailSchema,
  JobExceptionSchema,
  JobOperationSchema,
  JobRefInputSchema,
  JobSummarySchema,
  OperationRefSchema,
  RecentResultsInputSchema,
  RescaleRequestSchema,
  RestoreCheckSchema,
  RestoreRequestSchema,
  WindowResultSchema,
} from '@weir/shared';
import { z } from 'zod';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const jobsRouter = router({
  list: viewerProcedure
    .output(z.array(JobSummarySchema))
    .query(({ ctx }) => ctx.backend.listJobs()),
  get: viewerProcedure
    .input(JobRefInputSchema)
    .output(JobDetailSchema)
    .query(({ ctx, input }) => ctx.backend.getJob(input.jobId)),
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
  /** Dry run of a restore: what would be restored, dropped or start empty. Reads the snapshot. */
  restoreCheck: operatorProcedure
    .input(RestoreRequestSchema)
    .output(RestoreCheckSchema)
    .query(({ ctx, input }) => ctx.backend.restoreCheck(input)),
  cancel: operatorProcedure
    .input(JobRefInputSchema)
    .output(JobSummarySchema)
    .mutation(({ ctx, input }) => ctx.backend.cancel(input.jobId)),
  restore: operatorProcedure
    .input(RestoreRequestSchema)
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
});
