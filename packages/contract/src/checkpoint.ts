import { z } from 'zod';
import { ClusterScopeShape } from './cluster-id.js';
import { JobIdSchema } from './job.js';
import { JobSpecSchema } from './job-spec.js';

export const SnapshotKindSchema = z.enum(['CHECKPOINT', 'SAVEPOINT']);
export type SnapshotKind = z.infer<typeof SnapshotKindSchema>;

/** Where a checkpoint's time went, per subtask, so a slow one points at its straggler. */
export const CheckpointStatsSchema = z.object({
  subtasks: z.array(
    z.object({
      vertexId: z.string(),
      subtaskIndex: z.number().int().nonnegative(),
      /** From trigger to this subtask's acknowledgement. */
      ackMs: z.number().nonnegative(),
      /** Waiting for the barrier on every input (exactly-once alignment). */
      alignmentMs: z.number().nonnegative(),
      /** Copying state at the barrier, while processing was paused. */
      syncMs: z.number().nonnegative(),
    }),
  ),
  straggler: z
    .object({ vertexId: z.string(), subtaskIndex: z.number().int(), ackMs: z.number() })
    .nullable(),
  /** Writing state and manifest after the last acknowledgement, off the processing path. */
  asyncMs: z.number().nonnegative(),
  /** Bytes this checkpoint wrote; below the full size when it reused files (incremental). */
  writtenBytes: z.number().int().nonnegative(),
});
export type CheckpointStats = z.infer<typeof CheckpointStatsSchema>;

export const SnapshotStatusSchema = z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']);
export type SnapshotStatus = z.infer<typeof SnapshotStatusSchema>;

/** How many of a job's checkpoints are in each state, over its whole recorded history. */
export const CheckpointCountsSchema = z.object({
  completed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
});
export type CheckpointCounts = z.infer<typeof CheckpointCountsSchema>;

/** One checkpoint or savepoint, as the history table shows it. */
export const SnapshotSchema = z.object({
  jobId: JobIdSchema,
  checkpointId: z.number().int().nonnegative(),
  kind: SnapshotKindSchema,
  status: SnapshotStatusSchema,
  triggeredAt: z.string().datetime(),
  durationMs: z.number().int().nonnegative().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  path: z.string().nullable(),
  failureReason: z.string().nullable(),
  stats: CheckpointStatsSchema.nullable().optional(),
  /** Set once a savepoint was disposed of: its files are deleted, its history kept. */
  disposedAt: z.string().datetime().nullable().optional(),
  /**
   * True when the cluster has deleted the snapshot's files without saying when (Flink discards
   * a checkpoint once newer ones subsume it): it can no longer be restored from.
   */
  discarded: z.boolean().optional(),
  /** Who kept this savepoint from retention (it is never disposed of automatically). */
  keptBy: z.string().nullable().optional(),
});

export const DisposeSavepointInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  checkpointId: z.number().int().nonnegative(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const SnapshotRefInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  checkpointId: z.number().int().nonnegative(),
  kind: SnapshotKindSchema.default('CHECKPOINT'),
});

export const SnapshotListInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  limit: z.number().int().min(1).max(1000).default(100),
});
export type SnapshotListInput = z.infer<typeof SnapshotListInputSchema>;

export const TriggerSavepointInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  /**
   * Chosen by the caller (a UUID, say): a retry with the same id joins the savepoint already
   * taken or in progress instead of taking a second one.
   */
  triggerId: z.string().min(1).max(100).optional(),
});

export const SavepointStatusInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  triggerId: z.string().min(1).max(100),
});

export const SavepointTriggerStatusSchema = z.object({
  triggerId: z.string(),
  status: z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']),
  savepoint: z.lazy(() => SnapshotSchema).nullable(),
  error: z.string().nullable(),
});
export type SavepointTriggerStatus = z.infer<typeof SavepointTriggerStatusSchema>;
export type TriggerSavepointInput = z.infer<typeof TriggerSavepointInputSchema>;

/** Why a checkpoint or savepoint failed; also the `reason` label of the failure metric. */
export const CheckpointFailureReasonSchema = z.enum([
  'TIMEOUT',
  'DECLINED',
  'STORAGE_ERROR',
  'SUBTASK_FAILED',
  'SUBTASK_FINISHED',
  'TOO_MANY_CONCURRENT',
  'JOB_STOPPED',
  /** This instance lost leadership (or its ZooKeeper connection) before the commit point. */
  'NOT_LEADER',
]);
export type CheckpointFailureReason = z.infer<typeof CheckpointFailureReasonSchema>;

/** What restoring a snapshot into a job would do, worked out before anything changes. */
export const RestoreCheckSchema = z.object({
  /** False when the restore would be refused; `problems` says why in plain words. */
  ok: z.boolean(),
  problems: z.array(z.string()),
  /** Operators whose state will be restored, with the parallelism before and after. */
  restored: z.array(
    z.object({
      uid: z.string(),
      kind: z.string(),
      fromParallelism: z.number().int(),
      toParallelism: z.number().int(),
    }),
  ),
  /** State in the snapshot whose operator is no longer in the job. */
  dropped: z.array(z.object({ uid: z.string(), kind: z.string() })),
  /** Operators of the job that the snapshot has no state for: they start empty. */
  startEmpty: z.array(z.object({ uid: z.string(), kind: z.string() })),
  maxParallelism: z.object({ snapshot: z.number().int(), job: z.number().int() }),
});
export type RestoreCheck = z.infer<typeof RestoreCheckSchema>;

/**
 * Per-operator parallelism by uid. A "__proto__" key would be dropped by the record (zod
 * guards against prototype pollution) and the request would quietly do less than asked: no
 * operator can have that uid, so it is refused like any other unknown one.
 */
const VertexParallelismSchema = z
  .preprocess(
    (raw, ctx) => {
      if (typeof raw === 'object' && raw !== null && Object.hasOwn(raw, '__proto__'))
        ctx.addIssue({ code: 'custom', message: 'no operator with uid "__proto__"', input: raw });
      return raw;
    },
    z.record(z.string(), z.number().int().positive()),
  )
  .optional();

/** Restore a job from a checkpoint or savepoint directory, optionally at a new parallelism. */
export const RestoreRequestSchema = z.object({
  jobId: JobIdSchema,
  snapshotPath: z.string().min(1),
  parallelism: z.number().int().positive().optional(),
  /** Per-operator parallelism by operator uid, overriding the job's. */
  vertexParallelism: VertexParallelismSchema,
  allowNonRestoredState: z.boolean().default(false),
  /** A changed job graph to restore into (same job id); absent: the job's current spec. */
  spec: z.lazy(() => JobSpecSchema).optional(),
});
export type RestoreRequest = z.infer<typeof RestoreRequestSchema>;

export const RescaleRequestSchema = z.object({
  jobId: JobIdSchema,
  parallelism: z.number().int().positive().optional(),
  vertexParallelism: VertexParallelismSchema,
});
export type RescaleRequest = z.infer<typeof RescaleRequestSchema>;

/** A rescale as the API takes it: for a job of one cluster. */
export const RescaleInputSchema = RescaleRequestSchema.extend(ClusterScopeShape);

/** A long-running action on a job (restore, rescale, upgrade), followed through its phases. */
export const JobOperationSchema = z.object({
  id: z.string(),
  jobId: JobIdSchema,
  kind: z.enum(['restore', 'rescale', 'upgrade']),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED']),
  /** The phase it is in (or ended in), e.g. TAKING_SAVEPOINT, RESTORING. */
  phase: z.string(),
  phases: z.array(z.object({ phase: z.string(), at: z.string().datetime() })),
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime().nullable(),
  error: z.string().nullable(),
  snapshotPath: z.string().nullable(),
  /**
   * The job that runs once the operation succeeded, where that is not the job it started on:
   * a Flink restore, or a rescale by resubmission, runs the jar again as a new job.
   */
  resultJobId: z.string().nullable().optional(),
});
export type JobOperation = z.infer<typeof JobOperationSchema>;

export const OperationRefSchema = z.object({
  ...ClusterScopeShape,
  operationId: z.string().min(1),
});

export const StopWithSavepointInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  drain: z.boolean().default(false),
});
