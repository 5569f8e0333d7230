import { z } from 'zod';
import { EdgeSchema, JobSummarySchema, VertexSchema } from './job.js';
import { JobSpecSchema } from './job-spec.js';

// Its own file: job-spec.ts imports job.ts, so job.ts cannot import the spec back.
export const JobDetailSchema = JobSummarySchema.extend({
  /**
   * Upper bound of any rescale: the number of key groups state is split into. Null where the
   * cluster does not report one.
   */
  maxParallelism: z.number().int().positive().nullable(),
  vertices: z.array(VertexSchema),
  edges: z.array(EdgeSchema),
  /**
   * The spec the job runs (checkpointing, restart strategy, operators), secrets redacted.
   * Absent for a Flink job: it runs a jar, not a Weir spec.
   */
  spec: JobSpecSchema.optional(),
  /** Set for a Flink job: what Flink says of it that Weir's own jobs do not have. */
  flink: z
    .object({
      /** STREAMING or BATCH. */
      jobType: z.string().nullable(),
      /** The scheduler running the job (Default, Adaptive). */
      scheduler: z.string().nullable(),
    })
    .optional(),
});
export type JobDetail = z.infer<typeof JobDetailSchema>;
