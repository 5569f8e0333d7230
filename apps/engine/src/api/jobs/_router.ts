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
import { publicProcedure, router } from '../trpc.js';

export const jobsRouter = router({
  list: publicProcedure
    .output(z.array(JobSummarySchema))
    .query(({ ctx }) => ctx.backend.listJobs()),
  get: publicProcedure
    .input(JobRefInputSchema)
    .output(JobDetailSchema)
    .query(({ ctx, input }) => ctx.backend.getJob(input.jobId)),
  recentResults: publicProcedure
    .input(RecentResultsInputSchema)
    .output(z.array(WindowResultSchema))
    .query(({ ctx, input }) => ctx.backend.recentResults(input.jobId, input.limit)),
  deadLetters: publicProcedure
    .input(DeadLettersInputSchema)
    .output(z.array(DeadLetterSchema))
    .query(({ ctx, input }) => ctx.backend.deadLetters(input.jobId, input.limit)),
});
