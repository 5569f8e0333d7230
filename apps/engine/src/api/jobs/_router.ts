import {
  DeadLetterSchema,
  DeadLettersInputSchema,
  JobDetailSchema,
  JobRefInputSchema,
  JobSummarySchema,
  RecentResultsInputSchema,
  WindowResultSchema,
} from '@weir/shared';
import { z } from 'zod';
import { router, viewerProcedure } from '../trpc.js';

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
});
