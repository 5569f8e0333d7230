import { z } from 'zod';
import { EdgeSchema, JobSummarySchema, PartitioningSchema, VertexRoleSchema } from './job.js';

// What a Flink cluster reports that Weir's own shapes have no place for (issue 18). Additive:
// embedded clusters never set these.

/** A Flink cluster as its `/overview` and `/jobmanager/config` describe it. */
export const FlinkClusterInfoSchema = z.object({
  /** e.g. "2.3.0", from `/overview`. */
  version: z.string(),
  revision: z.string().nullable(),
  restUrl: z.string(),
  taskManagers: z.number().int().nonnegative(),
  slotsTotal: z.number().int().nonnegative(),
  slotsAvailable: z.number().int().nonnegative(),
  /** `jobmanager.scheduler` ("adaptive" allows rescaling in place); null when not configured. */
  scheduler: z.string().nullable(),
  jobs: z.object({
    running: z.number().int().nonnegative(),
    finished: z.number().int().nonnegative(),
    cancelled: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
  }),
});
export type FlinkClusterInfo = z.infer<typeof FlinkClusterInfoSchema>;

/**
 * A vertex of a Flink job: a chain of operators run together. Rates, ratios and watermarks are
 * not here yet: Flink's own are 60 s averages refreshed every 10 s, and live rates need counter
 * deltas (a later slice of issue 18).
 */
export const FlinkVertexSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: VertexRoleSchema,
  /** The chained operators' names, in order (Flink joins them with " -> " in the vertex name). */
  operators: z.array(z.string()),
  parallelism: z.number().int().positive(),
  maxParallelism: z.number().int().positive().nullable(),
  /** Flink's execution state of the vertex (RUNNING, FINISHED, ...). */
  status: z.string(),
  /**
   * Records read and written, summed over subtasks, as Flink last refreshed them (every 10 s
   * by default); null while Flink has not collected them from every subtask.
   */
  recordsInTotal: z.number().int().nonnegative().nullable(),
  recordsOutTotal: z.number().int().nonnegative().nullable(),
});
export type FlinkVertex = z.infer<typeof FlinkVertexSchema>;

/** An edge of a Flink job's plan. */
export const FlinkEdgeSchema = EdgeSchema.extend({
  /** Weir's name for the same way of routing records; null when Weir has none (GLOBAL, CUSTOM). */
  partitioning: PartitioningSchema.nullable(),
  /** Flink's ship strategy as the plan names it: HASH, FORWARD, REBALANCE, RESCALE, ... */
  shipStrategy: z.string(),
});
export type FlinkEdge = z.infer<typeof FlinkEdgeSchema>;

/**
 * A Flink job with its topology. Not a `JobDetail`: that carries the Weir job spec the job runs,
 * and a Flink job runs a jar, not a spec.
 */
export const FlinkJobDetailSchema = JobSummarySchema.extend({
  /** The highest of the vertices' max parallelism (key groups); null when Flink reports none. */
  maxParallelism: z.number().int().positive().nullable(),
  vertices: z.array(FlinkVertexSchema),
  edges: z.array(FlinkEdgeSchema),
  flink: z.object({
    /** STREAMING or BATCH. */
    jobType: z.string().nullable(),
    /** The scheduler running the job (Default, Adaptive). */
    scheduler: z.string().nullable(),
  }),
});
export type FlinkJobDetail = z.infer<typeof FlinkJobDetailSchema>;
