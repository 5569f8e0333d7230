import { z } from 'zod';
import { JobRefInputSchema, RatioSchema } from './job.js';

/** One subtask's share of an interval spent working and waiting for output credit. */
export const LoadSampleSchema = z.object({
  /** End of the interval, epoch ms. */
  at: z.number().int(),
  busyRatio: RatioSchema,
  backpressuredRatio: RatioSchema,
  /** Partitioned sources only (Kafka): records behind, summed over the subtask's partitions. */
  lagRecords: z.number().int().nonnegative().optional(),
  /** Partitioned sources only: seconds behind on the subtask's partition furthest behind. */
  lagSeconds: z.number().nonnegative().nullable().optional(),
});
export type LoadSample = z.infer<typeof LoadSampleSchema>;

/** The recent window the engine keeps in memory per subtask, oldest sample first. */
export const VertexLoadHistorySchema = z.object({
  vertexId: z.string(),
  subtasks: z.array(
    z.object({
      subtaskIndex: z.number().int().nonnegative(),
      samples: z.array(LoadSampleSchema),
    }),
  ),
});
export type VertexLoadHistory = z.infer<typeof VertexLoadHistorySchema>;

export const VertexRefInputSchema = JobRefInputSchema.extend({
  vertexId: z.string().min(1).max(200),
});
