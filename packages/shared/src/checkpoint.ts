import { z } from 'zod';
import { JobIdSchema } from './job.js';

export const SnapshotKindSchema = z.enum(['CHECKPOINT', 'SAVEPOINT']);
export type SnapshotKind = z.infer<typeof SnapshotKindSchema>;

export const SnapshotStatusSchema = z.enum(['IN_PROGRESS', 'COMPLETED', 'FAILED']);
export type SnapshotStatus = z.infer<typeof SnapshotStatusSchema>;

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
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const SnapshotListInputSchema = z.object({
  jobId: JobIdSchema,
  limit: z.number().int().min(1).max(1000).default(100),
});
export type SnapshotListInput = z.infer<typeof SnapshotListInputSchema>;

export const TriggerSavepointInputSchema = z.object({ jobId: JobIdSchema });
export type TriggerSavepointInput = z.infer<typeof TriggerSavepointInputSchema>;
