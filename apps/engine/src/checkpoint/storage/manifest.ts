import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The `_metadata` manifest: written last and atomically, so a snapshot directory without it
 * is by definition incomplete. Bump FORMAT_VERSION on any incompatible change.
 * 3: keyed state in content-addressed chunks, which checkpoints share (`scope: 'shared'`).
 * 4: state as byte ranges of segment files, one segment per snapshot (FLIP-306's file
 *    merging): a checkpoint writes one file, and later ones refer to the ranges they still need.
 */
export const MANIFEST_FORMAT_VERSION = 4;

const SHA256 = /^[0-9a-f]{64}$/;
/** Strict names, so a manifest can never point outside its snapshot or the shared folder. */
const OWN_NAME = /^segments\/[0-9a-f]{64}$/;

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
const Count = z.number().int().nonnegative();
/** [index into `files`, offset, length] */
const ByteRangeSchema = z.tuple([Count, Count, Count]);
export type ByteRange = z.infer<typeof ByteRangeSchema>;
/** A stored value: the JSON that these ranges, read in order and joined, hold. */
const StoredBytesSchema = z.array(ByteRangeSchema);
export type StoredBytes = z.infer<typeof StoredBytesSchema>;

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
        /** Keyed state of each key group that holds some, in key-group order. */
        keyed: z.array(z.object({ keyGroup: Count, bytes: StoredBytesSchema })),
        /** The list state of each subtask, in subtask order. */
        listState: StoredBytesSchema,
        /** Subtasks finished before the snapshot (FLIP-147); a restore keeps them finished. */
        finishedSubtasks: z.array(Count).default([]),
      }),
    ),
    /** Source positions by operator uid (records emitted so far). */
    sourcePositions: z.record(z.string(), Count),
    /**
     * The dead letters of the records the snapshot covers that were not known published when
     * it was written (`DeadLetterBatch[]` as JSON); absent when none. Optional, so manifests
     * from before it read as they are.
     */
    deadLetters: StoredBytesSchema.optional(),
    /** Every file the snapshot needs, once each, with what it must measure and hash to. */
    files: z.array(ManifestFileSchema),
  })
  .superRefine((manifest, ctx) => {
    const ranges = [
      ...manifest.operators.flatMap((op) => [
        ...op.listState,
        ...op.keyed.flatMap((entry) => entry.bytes),
      ]),
      ...(manifest.deadLetters ?? []),
    ];
    for (const [index, offset, length] of ranges) {
      const file = manifest.files[index];
      if (!file || offset + length > file.sizeBytes)
        ctx.addIssue({
          code: 'custom',
          message: `range [${index}, ${offset}, ${length}] is outside the listed files`,
        });
    }
    // Savepoints must be self-contained so they can be moved.
    if (manifest.kind === 'SAVEPOINT' && manifest.files.some((file) => file.scope === 'shared')) {
      ctx.addIssue({ code: 'custom', message: 'a savepoint references shared files' });
    }
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** The checksum a manifest records for a file's bytes. */
export function sha256Of(...parts: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * The full state size: the bytes of every range the snapshot needs (its dead letters too), whether it wrote them or
 * shares them (a shared segment may also hold bytes only older checkpoints still need).
 */
export function totalSize(manifest: Manifest): number {
  let sum = 0;
  for (const op of manifest.operators) {
    for (const range of op.listState) sum += range[2];
    for (const entry of op.keyed) for (const range of entry.bytes) sum += range[2];
  }
  for (const range of manifest.deadLetters ?? []) sum += range[2];
  return sum;
}

/** A manifest as read, or why this engine cannot read it. */
type Parsed<T> =
  | T
  /** `olderFormat`: written by an earlier engine (which kept all state in the snapshot's folder). */
  | { problem: string; olderFormat: boolean };

/** The manifest in `raw`, or why this engine cannot read it. */
export function parseManifest(raw: string): Parsed<{ manifest: Manifest }> {
  const parsed = parseWith(raw, ManifestSchema);
  return 'problem' in parsed ? parsed : { manifest: parsed.value };
}

/** Only what retention needs of a manifest: checking every range of it every checkpoint cost more. */
const ManifestFilesSchema = z.object({ files: z.array(ManifestFileSchema) });

/** The files the manifest in `raw` lists, or why this engine cannot read it. */
export function parseManifestFiles(raw: string): Parsed<{ files: ManifestFile[] }> {
  const parsed = parseWith(raw, ManifestFilesSchema);
  return 'problem' in parsed ? parsed : { files: parsed.value.files };
}

function parseWith<T>(raw: string, schema: z.ZodType<T>): Parsed<{ value: T }> {
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
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { value: parsed.data }
    : { problem: parsed.error.message, olderFormat: false };
}
