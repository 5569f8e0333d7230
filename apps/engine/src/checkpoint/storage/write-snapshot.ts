import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DeadLetterBatch } from '../../core/dead-letter-batch.js';
import type { StoredOperatorState } from '../../state/state-assignment.js';
import type { SnapshotClaims } from './claims.js';
import { syncDir, writeAtomically } from './durable-files.js';
import {
  type ByteRange,
  MANIFEST_FORMAT_VERSION,
  type Manifest,
  type ManifestFile,
  type StoredBytes,
  sha256Of,
  totalSize,
} from './manifest.js';
import {
  type FileScope,
  METADATA_FILE,
  segmentDirOf,
  segmentFileName,
  snapshotFilePath,
} from './paths.js';
import {
  type NewSegment,
  planSegment,
  type SegmentFacts,
  SegmentLocations,
  type SegmentPlan,
} from './segment-plan.js';

export interface OperatorSnapshot {
  uid: string;
  kind: string;
  parallelism: number;
  keyGroupRanges: Array<[number, number]>;
  /** Keyed state arrives serialised by the subtasks (see `SerialisedEntry`). */
  state: StoredOperatorState<Uint8Array[]>;
}

export interface SnapshotContent {
  jobId: string;
  checkpointId: number;
  kind: Manifest['kind'];
  maxParallelism: number;
  operators: OperatorSnapshot[];
  sourcePositions: Record<string, number>;
  /** The dead letters of the records this snapshot covers, until they are published. */
  deadLetters: DeadLetterBatch[];
}

export interface WrittenSnapshot {
  manifest: Manifest;
  /** Full state size: every byte the snapshot needs (the manifest itself not counted). */
  sizeBytes: number;
  /** What this snapshot wrote: its new segment (the incremental size). */
  writtenBytes: number;
}

/**
 * Writes a snapshot into `dir`: a new segment file holding every piece of state not stored
 * already (and one for pieces moved out of segments no longer kept: see `planSegment`), then
 * the manifest, which names each state's bytes as ranges of segments. A checkpoint's segments
 * go to the job's shared folder, and pieces that earlier checkpoints of this run stored
 * (`locations`) are referred to where they are, so a checkpoint costs what changed; a
 * savepoint writes everything into its own folder, so it can be moved. A file or two per
 * snapshot keeps opens, fsyncs and renames per checkpoint constant however many key groups
 * changed. The manifest comes last, under a temporary name renamed into place: readers either
 * see a complete snapshot or no `_metadata` at all.
 */
export async function writeSnapshot(
  dir: string,
  content: SnapshotContent,
  claims: SnapshotClaims,
  locations: SegmentLocations = new SegmentLocations(),
): Promise<WrittenSnapshot> {
  const scope: FileScope = content.kind === 'CHECKPOINT' ? 'shared' : 'own';
  const segmentDir = segmentDirOf(dir, scope);
  const values = storedValues(content);
  // Claimed until the manifest references them, so a concurrent prune cannot take them away.
  const claimed: string[] = [];
  const claimPath = async (target: string) => {
    claimed.push(target);
    await claims.claim(target);
  };
  try {
    await claimPath(dir);
    await mkdir(dir, { recursive: true });
    await mkdir(segmentDir, { recursive: true });
    const deadLetters = deadLettersPiece(content);
    const plan = await planPieces(values, deadLetters, dir, scope, locations, claimPath);
    const written: WrittenSegment[] = [];
    for (const segment of [plan.fresh, plan.moved]) {
      if (segment.pieces.length > 0)
        written.push(await writeSegment(segment, dir, scope, claimPath));
    }
    if (written.length > 0) await syncDir(segmentDir);
    const manifest = manifestOf(content, values, deadLetters, plan, written, scope);
    if (scope === 'shared')
      locations.record(written, new Set(manifest.files.map((file) => file.name)));
    await writeAtomically(path.join(dir, METADATA_FILE), [
      Buffer.from(JSON.stringify(manifest, null, 2)),
    ]);
    await syncDir(dir);
    const writtenBytes = written.reduce((sum, segment) => sum + segment.writtenBytes, 0);
    return { manifest, sizeBytes: totalSize(manifest), writtenBytes };
  } finally {
    claims.release(claimed);
  }
}

interface OperatorValues {
  keyed: Array<[number, Uint8Array[]]>;
  listState: Uint8Array;
}

/** Each operator's keyed state in key-group order, and its list state as JSON. */
const storedValues = (content: SnapshotContent): OperatorValues[] =>
  content.operators.map((op) => ({
    keyed: [...op.state.keyed].sort((a, b) => a[0] - b[0]),
    listState: Buffer.from(JSON.stringify(op.state.operator)),
  }));

/** The dead letters as one piece of JSON, or null when the snapshot carries none. */
const deadLettersPiece = (content: SnapshotContent): Uint8Array | null =>
  content.deadLetters.length > 0 ? Buffer.from(JSON.stringify(content.deadLetters)) : null;

/** Which pieces stay where earlier checkpoints stored them (on disk, claimed) and which are new. */
async function planPieces(
  values: OperatorValues[],
  deadLetters: Uint8Array | null,
  dir: string,
  scope: FileScope,
  locations: SegmentLocations,
  claimPath: (target: string) => Promise<void>,
): Promise<SegmentPlan> {
  const pieces = values.flatMap((v) => [...v.keyed.flatMap((entry) => entry[1]), v.listState]);
  if (deadLetters) pieces.push(deadLetters);
  // A savepoint refers to nothing outside its folder.
  const locate = (piece: Uint8Array) => (scope === 'shared' ? locations.locate(piece) : undefined);
  const candidates = new Map<string, number>();
  for (const piece of pieces) {
    const location = locate(piece);
    if (location) candidates.set(location.segment, location.sizeBytes);
  }
  const present = new Set<string>();
  for (const [name, sizeBytes] of candidates) {
    const file = snapshotFilePath(dir, { scope, name });
    await claimPath(file);
    if (await isWhole(file, sizeBytes)) present.add(name);
  }
  return planSegment(pieces, locate, (name) => present.has(name));
}

interface WrittenSegment {
  name: string;
  facts: SegmentFacts;
  segment: NewSegment;
  writtenBytes: number;
}

/**
 * Whether segment `file` is on disk with `sizeBytes`. Segments are named by their hash and
 * renamed into place, so one there with its size holds its bytes (a torn one cannot exist).
 */
const isWhole = (file: string, sizeBytes: number) =>
  stat(file).then(
    (s) => s.size === sizeBytes,
    () => false,
  );

/** A new segment, named by its hash (not written again if there already). */
async function writeSegment(
  segment: NewSegment,
  dir: string,
  scope: FileScope,
  claimPath: (target: string) => Promise<void>,
): Promise<WrittenSegment> {
  const parts = segment.pieces.map(([piece]) => piece);
  const facts = { sizeBytes: segment.sizeBytes, sha256: sha256Of(...parts) };
  const name = segmentFileName(scope, facts.sha256);
  const target = snapshotFilePath(dir, { scope, name });
  await claimPath(target);
  if (await isWhole(target, facts.sizeBytes)) return { name, facts, segment, writtenBytes: 0 };
  await writeAtomically(target, parts);
  return { name, facts, segment, writtenBytes: facts.sizeBytes };
}

/** The manifest: the new segments first, then the earlier ones, and where each state is. */
function manifestOf(
  content: SnapshotContent,
  values: OperatorValues[],
  deadLetters: Uint8Array | null,
  plan: SegmentPlan,
  written: WrittenSegment[],
  scope: FileScope,
): Manifest {
  const files: ManifestFile[] = [];
  const indexOf = new Map<string | NewSegment, number>();
  for (const { name, facts, segment } of written) {
    indexOf.set(segment, files.length);
    files.push({ scope, name, ...facts });
  }
  for (const [name, facts] of plan.reused) {
    indexOf.set(name, files.length);
    files.push({ scope, name, ...facts });
  }
  const bytesOf = (pieces: readonly Uint8Array[]) => rangesOf(pieces, plan, indexOf);
  return {
    formatVersion: MANIFEST_FORMAT_VERSION,
    jobId: content.jobId,
    checkpointId: content.checkpointId,
    kind: content.kind,
    createdAt: new Date().toISOString(),
    maxParallelism: content.maxParallelism,
    operators: content.operators.map((op, i) => {
      const { uid, kind, parallelism, keyGroupRanges } = op;
      const stored = values[i] as OperatorValues;
      return {
        uid,
        kind,
        parallelism,
        keyGroupRanges,
        keyed: stored.keyed.map(([keyGroup, pieces]) => ({ keyGroup, bytes: bytesOf(pieces) })),
        listState: bytesOf([stored.listState]),
        finishedSubtasks: op.state.finishedSubtasks ?? [],
      };
    }),
    sourcePositions: content.sourcePositions,
    ...(deadLetters ? { deadLetters: bytesOf([deadLetters]) } : {}),
    files,
  };
}

/** The ranges holding `pieces` in order; neighbours in one file make one range. */
function rangesOf(
  pieces: readonly Uint8Array[],
  plan: SegmentPlan,
  indexOf: Map<string | NewSegment, number>,
): StoredBytes {
  const ranges: ByteRange[] = [];
  for (const piece of pieces) {
    const place = plan.placeOf.get(piece);
    const file = place && indexOf.get(place.segment);
    if (!place || file === undefined)
      throw new Error('a piece of state has no place in the snapshot');
    const last = ranges.at(-1);
    if (last && last[0] === file && last[1] + last[2] === place.offset) last[2] += place.length;
    else ranges.push([file, place.offset, place.length]);
  }
  return ranges;
}
