import { z } from 'zod';
import { EdgeSchema, JobSummarySchema, VertexSchema } from './job.js';
import { JobSpecSchema } from './job-spec.js';

// Its own file: job-spec.ts imports job.ts, so job.ts cannot import the spec back.
export const JobDetailSchema = JobSummarySchema.extend({
  /** Upper bound of any rescale: the number of key groups state is split into. */
  maxParallelism: z.number().int().positive(),
  vertices: z.array(VertexSchema),
  edges: z.array(EdgeSchema),
  /** The spec the job runs (checkpointing, restart strategy, operators), secrets redacted. */
  spec: JobSpecSchema,
});
export type JobDetail = z.infer<typeof JobDetailSchema>;
