import { z } from 'zod';
import { JobIdSchema, PartitioningSchema } from './job.js';

/**
 * A job as data: operators with stable uids (state is matched to operators by uid, so it
 * survives graph edits) and the edges between them. Serialisable, stored, diffable.
 */
const Uid = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, "_" and "-"');

export const DatagenConfigSchema = z.object({
  seed: z.number().int(),
  /** Records per second of wall-clock time and of event time. */
  ratePerSecond: z.number().positive(),
  /** false: emit as fast as possible (benchmarks, tests); event time still advances by rate. */
  throttle: z.boolean().default(true),
  /** Stop after this many records (the job then FINISHES); absent = unbounded. */
  count: z.number().int().positive().optional(),
  users: z.number().int().positive().default(1000),
  pages: z.number().int().positive().default(50),
  /** Share of records deliberately malformed, to exercise the dead-letter path. */
  malformedRatio: z.number().min(0).max(1).default(0),
  maxOutOfOrdernessMs: z.number().int().nonnegative().default(2000),
  /** Event time of record 0; absent = the time the job first started (kept in state). */
  startTime: z.number().int().optional(),
});
export type DatagenConfig = z.infer<typeof DatagenConfigSchema>;

export const OperatorSpecSchema = z.discriminatedUnion('kind', [
  z.object({ uid: Uid, name: z.string().optional(), kind: z.literal('datagen'), config: DatagenConfigSchema }),
  z.object({
    uid: Uid,
    name: z.string().optional(),
    kind: z.literal('parse-json'),
    config: z.object({ requiredFields: z.array(z.string()).default([]) }).default({ requiredFields: [] }),
  }),
  z.object({
    uid: Uid,
    name: z.string().optional(),
    kind: z.literal('tumbling-count'),
    config: z.object({
      keyField: z.string(),
      timeField: z.string(),
      sizeMs: z.number().int().positive(),
    }),
  }),
  z.object({ uid: Uid, name: z.string().optional(), kind: z.literal('blackhole'), config: z.object({}).default({}) }),
  z.object({
    uid: Uid,
    name: z.string().optional(),
    kind: z.literal('recent-results'),
    config: z.object({ capacity: z.number().int().positive().max(100_000).default(500) }).default({ capacity: 500 }),
  }),
  z.object({
    uid: Uid,
    name: z.string().optional(),
    kind: z.literal('file-sink'),
    config: z.object({ path: z.string().min(1) }),
  }),
]);
export type OperatorSpec = z.infer<typeof OperatorSpecSchema>;
export type OperatorKind = OperatorSpec['kind'];

export const EdgeSpecSchema = z.object({
  from: Uid,
  to: Uid,
  partitioning: PartitioningSchema.default('forward'),
  /** Field to hash on when partitioning is "hash" (keyBy). */
  keyField: z.string().optional(),
});
export type EdgeSpec = z.infer<typeof EdgeSpecSchema>;

export const CheckpointingSpecSchema = z.object({
  intervalMs: z.number().int().min(100),
  /** How many completed checkpoints to keep on disk. */
  retained: z.number().int().min(1).max(100).default(3),
});

export const JobSpecSchema = z
  .object({
    id: JobIdSchema,
    name: z.string().min(1),
    parallelism: z.number().int().positive().default(1),
    maxParallelism: z.number().int().positive().max(32768).default(128),
    checkpointing: CheckpointingSpecSchema,
    operators: z.array(OperatorSpecSchema).min(1),
    edges: z.array(EdgeSpecSchema),
  })
  .superRefine((spec, ctx) => {
    const uids = new Set<string>();
    spec.operators.forEach((op, i) => {
      if (uids.has(op.uid)) {
        ctx.addIssue({ code: 'custom', path: ['operators', i, 'uid'], message: `duplicate uid "${op.uid}"` });
      }
      uids.add(op.uid);
    });
    spec.edges.forEach((edge, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!uids.has(edge[end])) {
          ctx.addIssue({ code: 'custom', path: ['edges', i, end], message: `no operator with uid "${edge[end]}"` });
        }
      }
      if (edge.partitioning === 'hash' && !edge.keyField) {
        ctx.addIssue({ code: 'custom', path: ['edges', i, 'keyField'], message: 'hash partitioning needs a keyField' });
      }
    });
    if (spec.parallelism > spec.maxParallelism) {
      ctx.addIssue({ code: 'custom', path: ['parallelism'], message: 'parallelism exceeds maxParallelism' });
    }
  });
export type JobSpec = z.infer<typeof JobSpecSchema>;
export type JobSpecInput = z.input<typeof JobSpecSchema>;
