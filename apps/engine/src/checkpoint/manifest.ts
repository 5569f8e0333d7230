import { z } from 'zod';

/**
 * The `_metadata` manifest: written last and atomically, so a snapshot directory without it
 * is by definition incomplete. Bump FORMAT_VERSION on any incompatible change.
 */
export const MANIFEST_FORMAT_VERSION = 2;

export const ManifestFileSchema = z.object({
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

export const ManifestSchema = z.object({
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  jobId: z.string(),
  checkpointId: z.number().int().nonnegative(),
  kind: z.enum(['CHECKPOINT', 'SAVEPOINT']),
  createdAt: z.string().datetime(),
  maxParallelism: z.number().int().positive(),
  operators: z.array(
    z.object({
      uid: z.string(),
      kind: z.string(),
      parallelism: z.number().int().positive(),
      /** Key-group ranges [start, end] (inclusive) this operator's state covers, per subtask. */
      keyGroupRanges: z.array(z.tuple([z.number().int(), z.number().int()])),
      file: z.string(),
    }),
  ),
  /** Source positions by operator uid (records emitted so far). */
  sourcePositions: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(ManifestFileSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function totalSize(manifest: Manifest): number {
  return manifest.files.reduce((sum, file) => sum + file.sizeBytes, 0);
}
