import { z } from 'zod';
import { JobIdSchema, JobLabelsSchema, PartitioningSchema } from './job.js';
import { OperatorSpecSchema, SOURCE_KINDS, UidSchema } from './operator-spec.js';

export const EdgeSpecSchema = z.object({
  from: UidSchema,
  to: UidSchema,
  /** A side output of `from` (e.g. "late") instead of its main output. */
  output: z.string().min(1).optional(),
  partitioning: PartitioningSchema.default('forward'),
  /** Field to hash on when partitioning is "hash" (keyBy). */
  keyField: z.string().optional(),
});
export type EdgeSpec = z.infer<typeof EdgeSpecSchema>;

/** A job as data: operators and the edges between them. Serialisable, stored, diffable. */
export const CheckpointingSpecSchema = z.object({
  intervalMs: z.number().int().min(100),
  /** How many completed checkpoints to keep on disk. */
  retained: z.number().int().min(1).max(100).default(3),
  /** A checkpoint not complete after this long fails with reason TIMEOUT. */
  timeoutMs: z.number().int().min(100).default(600_000),
  /** Least time from the end of one checkpoint to the trigger of the next. */
  minPauseMs: z.number().int().nonnegative().default(0),
  maxConcurrent: z.number().int().min(1).max(16).default(1),
  /** Consecutive failed checkpoints tolerated; one more fails the job over. */
  tolerableFailures: z.number().int().nonnegative().default(0),
  /** Keep the retained checkpoints when the job is cancelled (else they are deleted). */
  retainOnCancel: z.boolean().default(true),
});

/** How a failed job is restarted, with Flink's three strategies (and "none"). */
export const RestartStrategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('fixed-delay'),
    attempts: z.number().int().nonnegative(),
    delayMs: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('exponential'),
    initialDelayMs: z.number().int().nonnegative().default(1000),
    maxDelayMs: z.number().int().nonnegative().default(60_000),
    multiplier: z.number().min(1).default(1.5),
    /** Attempts before giving up; absent = unlimited. */
    attempts: z.number().int().nonnegative().optional(),
    /** A run this long without failure resets the delay to its initial value. */
    resetAfterMs: z.number().int().positive().default(3_600_000),
  }),
  z.object({
    type: z.literal('failure-rate'),
    maxFailures: z.number().int().positive(),
    intervalMs: z.number().int().positive(),
    delayMs: z.number().int().nonnegative(),
  }),
]);
export type RestartStrategy = z.infer<typeof RestartStrategySchema>;

export const JobSpecSchema = z
  .object({
    id: JobIdSchema,
    name: z.string().min(1),
    /** Labels alert routes match on (see `JobLabelsSchema`). */
    labels: JobLabelsSchema.optional(),
    parallelism: z.number().int().positive().default(1),
    maxParallelism: z.number().int().positive().max(32768).default(128),
    checkpointing: CheckpointingSpecSchema,
    restartStrategy: RestartStrategySchema.default({
      type: 'exponential',
      initialDelayMs: 1000,
      maxDelayMs: 60_000,
      multiplier: 1.5,
      resetAfterMs: 3_600_000,
    }),
    /**
     * A subtask sending more records than this to the dead letters within one minute fails
     * (and the job restarts under its strategy): a user function failing on most records is a
     * bug to surface, not noise to count. Absent: no limit.
     */
    deadLetterLimitPerMinute: z.number().int().positive().optional(),
    /**
     * A source subtask that emits nothing for this long is marked idle: downstream operators
     * stop waiting for its watermark until it emits again, so a quiet split cannot stall event
     * time for everyone. Absent: sources are never idle.
     */
    sourceIdleTimeoutMs: z.number().int().positive().optional(),
    operators: z.array(OperatorSpecSchema).min(1),
    edges: z.array(EdgeSpecSchema),
  })
  .superRefine((spec, ctx) => {
    const uids = new Set<string>();
    spec.operators.forEach((op, i) => {
      if (uids.has(op.uid)) {
        ctx.addIssue({
          code: 'custom',
          path: ['operators', i, 'uid'],
          message: `duplicate uid "${op.uid}"`,
        });
      }
      uids.add(op.uid);
    });
    spec.edges.forEach((edge, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!uids.has(edge[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['edges', i, end],
            message: `no operator with uid "${edge[end]}"`,
          });
        }
      }
      const target = spec.operators.find((op) => op.uid === edge.to);
      if (target && SOURCE_KINDS.has(target.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['edges', i, 'to'],
          message: `"${edge.to}" is a source (${target.kind}): it reads from outside the job and takes no input`,
        });
      }
      if (edge.partitioning === 'hash' && !edge.keyField) {
        ctx.addIssue({
          code: 'custom',
          path: ['edges', i, 'keyField'],
          message: 'hash partitioning needs a keyField',
        });
      }
    });
    spec.operators.forEach((op, i) => {
      if (op.parallelism !== undefined && op.parallelism > spec.maxParallelism) {
        ctx.addIssue({
          code: 'custom',
          path: ['operators', i, 'parallelism'],
          message: `exceeds maxParallelism ${spec.maxParallelism}`,
        });
      }
    });
    if (spec.parallelism > spec.maxParallelism) {
      ctx.addIssue({
        code: 'custom',
        path: ['parallelism'],
        message: 'parallelism exceeds maxParallelism',
      });
    }
  });
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type JobSpecInput = z.input<typeof JobSpecSchema>;

/** `jobs.plan`: the job graph a spec would run on the embedded cluster; nothing runs. */
export const JobPlanInputSchema = z.object({ spec: JobSpecSchema });
