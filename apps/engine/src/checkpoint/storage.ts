import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  MANIFEST_FORMAT_VERSION,
  type Manifest,
  type ManifestFile,
  ManifestSchema,
  totalSize,
} from './manifest.js';
import { checkpointIdOf, METADATA_FILE, operatorStateFile } from './paths.js';

export interface OperatorSnapshot {
  uid: string;
  kind: string;
  parallelism: number;
  keyGroupRanges: Array<[number, number]>;
  /** A copy taken synchronously at the barrier; serialised here, off the processing path. */
  state: unknown;
}

export interface SnapshotContent {
  jobId: string;
  checkpointId: number;
  kind: Manifest['kind'];
  maxParallelism: number;
  operators: OperatorSnapshot[];
  sourcePositions: Record<string, number>;
}

export type SnapshotDefect =
  | 'MISSING_METADATA'
  | 'BAD_METADATA'
  | 'MISSING_FILE'
  | 'CHECKSUM_MISMATCH';

export class SnapshotInvalidError extends Error {
  override name = 'SnapshotInvalidError';
  constructor(
    readonly dir: string,
    readonly defect: SnapshotDefect,
    detail: string,
  ) {
    super(`snapshot ${dir} is invalid (${defect}): ${detail}`);
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Writes and fsyncs a file, so a completed snapshot survives a power cut, not just a crash. */
async function writeDurably(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes state files, then the manifest under a temporary name renamed into place: readers
 * either see a complete snapshot or no `_metadata` at all.
 */
export async function writeSnapshot(
  dir: string,
  content: SnapshotContent,
): Promise<{ manifest: Manifest; sizeBytes: number }> {
  await mkdir(dir, { recursive: true });
  const files: ManifestFile[] = [];
  const operators: Manifest['operators'] = [];
  for (const op of content.operators) {
    const name = operatorStateFile(op.uid);
    const data = Buffer.from(JSON.stringify(op.state));
    await writeDurably(path.join(dir, name), data);
    files.push({ name, sizeBytes: data.length, sha256: sha256(data) });
    operators.push({
      uid: op.uid,
      kind: op.kind,
      parallelism: op.parallelism,
      keyGroupRanges: op.keyGroupRanges,
      file: name,
    });
  }
  const manifest: Manifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    jobId: content.jobId,
    checkpointId: content.checkpointId,
    kind: content.kind,
    createdAt: new Date().toISOString(),
    maxParallelism: content.maxParallelism,
    operators,
    sourcePositions: content.sourcePositions,
    files,
  };
  const temporary = path.join(dir, `${METADATA_FILE}.inprogress`);
  await writeDurably(temporary, Buffer.from(JSON.stringify(manifest, null, 2)));
  await rename(temporary, path.join(dir, METADATA_FILE));
  await syncDir(dir);
  return { manifest, sizeBytes: totalSize(manifest) };
}

export interface LoadedSnapshot {
  dir: string;
  manifest: Manifest;
  /** Operator state by uid. */
  states: Map<string, unknown>;
}

/** Reads a snapshot and verifies every file's size and checksum before trusting any of it. */
export async function readSnapshot(dir: string): Promise<LoadedSnapshot> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, METADATA_FILE), 'utf8');
  } catch {
    throw new SnapshotInvalidError(dir, 'MISSING_METADATA', 'no _metadata file');
  }
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(raw));
  } catch (error) {
    throw new SnapshotInvalidError(dir, 'BAD_METADATA', (error as Error).message);
  }
  const contents = new Map<string, Buffer>();
  for (const file of manifest.files) {
    let data: Buffer;
    try {
      data = await readFile(path.join(dir, file.name));
    } catch {
      throw new SnapshotInvalidError(dir, 'MISSING_FILE', file.name);
    }
    if (data.length !== file.sizeBytes || sha256(data) !== file.sha256) {
      throw new SnapshotInvalidError(dir, 'CHECKSUM_MISMATCH', file.name);
    }
    contents.set(file.name, data);
  }
  const states = new Map<string, unknown>();
  for (const op of manifest.operators) {
    const data = contents.get(op.file);
    if (!data) throw new SnapshotInvalidError(dir, 'MISSING_FILE', op.file);
    states.set(op.uid, JSON.parse(data.toString('utf8')));
  }
  return { dir, manifest, states };
}

/** Checkpoint directories of one job, newest first. */
export async function listCheckpointDirs(
  jobCheckpointDir: string,
): Promise<Array<{ id: number; dir: string }>> {
  const entries = await readdir(jobCheckpointDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      id: checkpointIdOf(entry.name),
      dir: path.join(jobCheckpointDir, entry.name),
    }))
    .filter((entry): entry is { id: number; dir: string } => entry.id !== null)
    .sort((a, b) => b.id - a.id);
}

export interface RecoveryChoice {
  snapshot: LoadedSnapshot | null;
  /** Newer checkpoints passed over, with why, so operators can see what recovery skipped. */
  skipped: Array<{ dir: string; defect: SnapshotDefect; message: string }>;
  highestSeenId: number;
}

/** The newest checkpoint that verifies; invalid newer ones are reported, not silently ignored. */
export async function findLatestValidCheckpoint(jobCheckpointDir: string): Promise<RecoveryChoice> {
  const dirs = await listCheckpointDirs(jobCheckpointDir);
  const skipped: RecoveryChoice['skipped'] = [];
  for (const { dir } of dirs) {
    try {
      return { snapshot: await readSnapshot(dir), skipped, highestSeenId: dirs[0]?.id ?? 0 };
    } catch (error) {
      if (!(error instanceof SnapshotInvalidError)) throw error;
      skipped.push({ dir, defect: error.defect, message: error.message });
    }
  }
  return { snapshot: null, skipped, highestSeenId: dirs[0]?.id ?? 0 };
}

/** Keeps the newest `retained` complete checkpoints; removes older ones and stale partial ones. */
export async function pruneCheckpoints(
  jobCheckpointDir: string,
  retained: number,
  inFlightIds: Set<number>,
): Promise<void> {
  const dirs = await listCheckpointDirs(jobCheckpointDir);
  let kept = 0;
  for (const { id, dir } of dirs) {
    if (inFlightIds.has(id)) continue;
    const complete = await readFile(path.join(dir, METADATA_FILE)).then(
      () => true,
      () => false,
    );
    if (complete && kept < retained) {
      kept += 1;
      continue;
    }
    // A partial directory older than a complete one can never complete any more.
    if (complete || kept > 0) await rm(dir, { recursive: true, force: true });
  }
}
