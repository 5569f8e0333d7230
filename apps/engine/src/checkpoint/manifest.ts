import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The `_metadata` manifest: written last and atomically, so a snapshot directory without it
 * is by definition incomplete. Bump FORMAT_VERSION on any incompatible change.
 * 3: keyed state in content-addressed chunks, which checkpoints share (`scope: 'shared'`).
 */
export const MANIFEST_FORMAT_VERSION = 3;

const SHA256 = /^[0-9a-f]{64}$/;
/** Strict names, so a manifest can never point outside its snapshot or the shared folder. */
const OWN_NAME = /^(?:chunks\/[0-9a-f]{64}|op-[A-Za-z0-9_-]+\.json)$/;

export const ManifestFileSchema = z
  .object({
    /** `own`: inside the snapshot's folder; `shared`: in the job's shared folder, by hash. */
    scope: z.enum(['own', 'shared']),
    name: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(SHA256),
  })
  .refine((file) => (file.scope === 'shared' ? SHA256 : OWN_NAME).test(file.name), {
    message: 'file name not allowed for its scope',
  });
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

const KeyGroupRangeSchema = z.tuple([z.number().int(), z.number().int()]);

export const ManifestSchema = z
  .object({
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
        keyGroupRanges: z.array(KeyGroupRangeSchema),
        /** Keyed state by chunk of key groups, in key-group order; `file` names an entry of `files`. */
        keyedChunks: z.array(z.object({ keyGroups: KeyGroupRangeSchema, file: z.string() })),
        /** The file holding each subtask's list state, in subtask order. */
        listStateFile: z.string(),
        /** Subtasks finished before the snapshot (FLIP-147); a restore keeps them finished. */
        finishedSubtasks: z.array(z.number().int().nonnegative()).default([]),
      }),
    ),
    /** Source positions by operator uid (records emitted so far). */
    sourcePositions: z.record(z.string(), z.number().int().nonnegative()),
    /** Every file the snapshot needs, once each, with what it must measure and hash to. */
    files: z.array(ManifestFileSchema),
  })
  .superRefine((manifest, ctx) => {
    const names = new Set(manifest.files.map((file) => file.name));
    const referenced = manifest.operators.flatMap((op) => [
      op.listStateFile,
      ...op.keyedChunks.map((chunk) => chunk.file),
    ]);
    for (const name of referenced.filter((n) => !names.has(n))) {
      ctx.addIssue({ code: 'custom', message: `"${name}" is not in the file list` });
    }
    // Savepoints must be self-contained so they can be moved.
    if (manifest.kind === 'SAVEPOINT' && manifest.files.some((file) => file.scope === 'shared')) {
      ctx.addIssue({ code: 'custom', message: 'a savepoint references shared files' });
    }
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** The checksum a manifest records for a file's bytes. */
export const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The full state size: every file the snapshot needs, whether it wrote it or shares it. */
export function totalSize(manifest: Manifest): number {
  return manifest.files.reduce((sum, file) => sum + file.sizeBytes, 0);
}

export type ParsedManifest =
  | { manifest: Manifest }
  /** `olderFormat`: written by an earlier engine (which kept all state in the snapshot's folder). */
  | { problem: string; olderFormat: boolean };

/** The manifest in `raw`, or why this engine cannot read it. */
export function parseManifest(raw: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { problem: `not JSON: ${(error as Error).message}`, olderFormat: false };
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== MANIFEST_FORMAT_VERSION) {
    return {
      problem: `format version ${String(version)} is not supported (this engine reads ${MANIFEST_FORMAT_VERSION})`,
      olderFormat: typeof version === 'number' && version < MANIFEST_FORMAT_VERSION,
    };
  }
  const parsed = ManifestSchema.safeParse(json);
  return parsed.success
    ? { manifest: parsed.data }
    : { problem: parsed.error.message, olderFormat: false };
}
