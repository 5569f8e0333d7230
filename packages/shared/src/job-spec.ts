import { z } from 'zod';
import { JobIdSchema, PartitioningSchema } from './job.js';
import { OperatorSpecSchema, UidSchema } from './operator-spec.js';

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
      if (edge.partitioning === 'hash' && !edge.keyField) {
        ctx.addIssue({
          code: 'custom',
          path: ['edges', i, 'keyField'],
          message: 'hash partitioning needs a keyField',
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
