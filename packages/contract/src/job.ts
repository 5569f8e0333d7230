import { z } from 'zod';
import { ClusterScopeShape } from './cluster-id.js';

/** Lifecycle states, named as Flink names them so operators recognise them. */
export const JobStatusSchema = z.enum([
  'CREATED',
  'RUNNING',
  'FAILING',
  'RESTARTING',
  'CANCELLING',
  'CANCELED',
  'FINISHED',
  'FAILED',
  'SUSPENDED',
]);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const JobIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

export const PartitioningSchema = z.enum(['forward', 'hash', 'rebalance', 'broadcast']);
export type Partitioning = z.infer<typeof PartitioningSchema>;

export const RatioSchema = z.number().min(0).max(1);

/** Per-subtask metrics, named after Flink's so operators can read them the same way. */
export const SubtaskMetricsSchema = z.object({
  subtaskIndex: z.number().int().nonnegative(),
  recordsInTotal: z.number().int().nonnegative(),
  recordsOutTotal: z.number().int().nonnegative(),
  recordsInPerSecond: z.number().nonnegative(),
  recordsOutPerSecond: z.number().nonnegative(),
  /** Share of the last interval spent working, waiting for output credit, and with nothing to do. */
  busyRatio: RatioSchema,
  backpressuredRatio: RatioSchema,
  idleRatio: RatioSchema,
  /** Event time reached (epoch ms); null before the first watermark. */
  watermark: z.number().nullable(),
  /** Fill of the input and output buffers, 0..1. */
  inputQueueFill: RatioSchema,
  outputQueueFill: RatioSchema,
  deadLetters: z.number().int().nonnegative(),
});
export type SubtaskMetrics = z.infer<typeof SubtaskMetricsSchema>;

/** Vertex totals; ratios are the worst (highest) subtask's, as the Flink UI shows them. */
export const VertexMetricsSchema = SubtaskMetricsSchema.omit({ subtaskIndex: true });
export type VertexMetrics = z.infer<typeof VertexMetricsSchema>;

export const VertexRoleSchema = z.enum(['source', 'operator', 'sink']);

/** How far a Kafka source is behind on one partition, and which of its subtasks reads it. */
export const SourcePartitionLagSchema = z.object({
  /** The source operator's uid. */
  source: z.string(),
  topic: z.string(),
  partition: z.number().int().nonnegative(),
  subtaskIndex: z.number().int().nonnegative(),
  /** Records in the partition not emitted yet. */
  records: z.number().int().nonnegative(),
  /** Age of the last record emitted while behind; 0 when caught up, null before any record. */
  seconds: z.number().nonnegative().nullable(),
});
export type SourcePartitionLag = z.infer<typeof SourcePartitionLagSchema>;

export const VertexSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Sources have no input rate and sinks no output rate worth showing. */
  role: VertexRoleSchema,
  /** Operator kinds chained into this vertex, in order (e.g. ["source", "parse"]). */
  operators: z.array(z.string()),
  parallelism: z.number().int().positive(),
  metrics: VertexMetricsSchema,
  subtasks: z.array(SubtaskMetricsSchema),
  /** Sources that read partitions (Kafka): one entry per partition being read. */
  partitionLag: z.array(SourcePartitionLagSchema).optional(),
});
export type Vertex = z.infer<typeof VertexSchema>;

export const EdgeSchema = z.object({
  source: z.string(),
  target: z.string(),
  /** Null where the cluster routes records in a way Weir has no name for (Flink's GLOBAL). */
  partitioning: PartitioningSchema.nullable(),
  /** Flink's ship strategy as its plan names it (HASH, FORWARD, REBALANCE, GLOBAL, ...). */
  shipStrategy: z.string().optional(),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const JobExceptionSchema = z.object({
  at: z.string().datetime(),
  vertexId: z.string().nullable(),
  subtaskIndex: z.number().int().nullable(),
  message: z.string(),
  stack: z.string().nullable(),
});
export type JobException = z.infer<typeof JobExceptionSchema>;

/**
 * A job's labels (`team: payments`, `tier: critical`): what alert routes match besides rule
 * and job, as Kubernetes and Flink deployments tag their workloads.
 */
export const JobLabelsSchema = z
  .record(
    z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,62}$/, 'a label name: lowercase, at most 63'),
    z.string().max(128),
  )
  .refine((labels) => Object.keys(labels).length <= 20, 'at most 20 labels');
export type JobLabels = z.infer<typeof JobLabelsSchema>;

export const JobSummarySchema = z.object({
  id: JobIdSchema,
  name: z.string(),
  status: JobStatusSchema,
  parallelism: z.number().int().positive(),
  startedAt: z.string().datetime().nullable(),
  /** The folder of the checkpoint or savepoint the current run was restored from, if any. */
  restoredFrom: z.string().nullable(),
  lastCompletedCheckpointAt: z.string().datetime().nullable(),
  deadLetters: z.number().int().nonnegative(),
  restarts: z.number().int().nonnegative(),
  /** Recoveries that had to skip a newer, invalid checkpoint for an older one. */
  recoveryFallbacks: z.number().int().nonnegative(),
  /**
   * The state as the cluster itself names it, where `status` had to translate it (Flink's
   * INITIALIZING shows as CREATED, RECONCILING as RESTARTING). Absent for embedded jobs.
   */
  nativeStatus: z.string().optional(),
  /** The spec's labels (embedded jobs); absent when the job has none. */
  labels: JobLabelsSchema.optional(),
});
export type JobSummary = z.infer<typeof JobSummarySchema>;

export const JobRefInputSchema = z.object({ ...ClusterScopeShape, jobId: JobIdSchema });
export type JobRefInput = z.infer<typeof JobRefInputSchema>;

export const WindowResultSchema = z.object({
  key: z.string(),
  /** Event-time bounds in epoch milliseconds, [windowStart, windowEnd). */
  windowStart: z.number().int(),
  windowEnd: z.number().int(),
  count: z.number().int().nonnegative(),
  /** The aggregate (sum, min, ...) for windows that compute more than a count. */
  value: z.unknown().optional(),
});
export type WindowResult = z.infer<typeof WindowResultSchema>;

/** Newest windows first. */
export const RecentResultsInputSchema = JobRefInputSchema.extend({
  limit: z.number().int().min(1).max(500).default(50),
});
