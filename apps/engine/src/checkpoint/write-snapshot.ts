import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ChunkCache } from './chunk-cache.js';
import { chunkKeyedState } from './chunking.js';
import { claim, release } from './claims.js';
import { FILE_CONCURRENCY, forEachConcurrently } from './concurrently.js';
import { syncDir, writeAtomically, writeDurably } from './durable-files.js';
import {
  MANIFEST_FORMAT_VERSION,
  type Manifest,
  type ManifestFile,
  sha256Of,
  totalSize,
} from './manifest.js';
import {
  chunkDirOf,
  chunkFileName,
  type FileScope,
  listStateFile,
  METADATA_FILE,
  snapshotFilePath,
} from './paths.js';
import type { StoredOperatorState } from './state-assignment.js';

export interface OperatorSnapshot {
  uid: string;
  kind: string;
  parallelism: number;
  keyGroupRanges: Array<[number, number]>;
  /** Keyed state arrives serialised by the subtasks (see `SerialisedEntry`). */
  state: StoredOperatorState<Uint8Array>;
}

export interface SnapshotContent {
  jobId: string;
  checkpointId: number;
  kind: Manifest['kind'];
  maxParallelism: number;
  operators: OperatorSnapshot[];
  sourcePositions: Record<string, number>;
}

export interface WrittenSnapshot {
  manifest: Manifest;
  /** Full state size: every file the snapshot needs (the manifest itself not counted). */
  sizeBytes: number;
  /** What this snapshot wrote: new chunks plus its own files (the incremental size). */
  writtenBytes: number;
}

/**
 * Writes a snapshot into `dir`. A checkpoint puts keyed-state chunks into the job's shared
 * folder, writing only those not there already, so a checkpoint costs what changed since the
 * previous ones; a savepoint writes every chunk into its own folder, so it can be moved. The
 * manifest comes last, under a temporary name renamed into place: readers either see a
 * complete snapshot or no `_metadata` at all.
 */
export async function writeSnapshot(
  dir: string,
  content: SnapshotContent,
  chunks: ChunkCache = new ChunkCache(),
): Promise<WrittenSnapshot> {
  const chunkScope: FileScope = content.kind === 'CHECKPOINT' ? 'shared' : 'own';
  const { operators, files } = serialise(content, chunkScope, chunks);
  // Claimed until the manifest references them, so a concurrent prune cannot take them away.
  const claimed: string[] = [];
  try {
    await claim(dir);
    claimed.push(dir);
    await mkdir(dir, { recursive: true });
    await mkdir(chunkDirOf(dir, chunkScope), { recursive: true });
    let writtenBytes = 0;
    await forEachConcurrently(files, FILE_CONCURRENCY, async ({ file, data, contentAddressed }) => {
      const target = snapshotFilePath(dir, file);
      if (contentAddressed) {
        await claim(target);
        claimed.push(target);
        // Read writtenBytes only after the await: writes run concurrently.
        const written = await writeUnlessPresent(target, file.sizeBytes, data);
        writtenBytes += written;
      } else {
        await writeDurably(target, data());
        writtenBytes += file.sizeBytes;
      }
    });
    await syncDir(chunkDirOf(dir, chunkScope));
    const manifest: Manifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      jobId: content.jobId,
      checkpointId: content.checkpointId,
      kind: content.kind,
      createdAt: new Date().toISOString(),
      maxParallelism: content.maxParallelism,
      operators,
      sourcePositions: content.sourcePositions,
      files: files.map(({ file }) => file),
    };
    await writeAtomically(
      path.join(dir, METADATA_FILE),
      Buffer.from(JSON.stringify(manifest, null, 2)),
    );
    await syncDir(dir);
    return { manifest, sizeBytes: totalSize(manifest), writtenBytes };
  } finally {
    release(claimed);
  }
}

interface SerialisedFile {
  file: ManifestFile;
  data: () => Buffer;
  /** Named by its hash: if present with its size, it holds these bytes already. */
  contentAddressed: boolean;
}

/** The manifest's operator entries and every file the snapshot needs, once each. */
function serialise(
  content: SnapshotContent,
  chunkScope: FileScope,
  chunks: ChunkCache,
): { operators: Manifest['operators']; files: SerialisedFile[] } {
  const files = new Map<string, SerialisedFile>();
  const operators = content.operators.map((op): Manifest['operators'][number] => {
    const keyedChunks = chunkKeyedState(op.state.keyed, content.maxParallelism).map((chunk) => {
      const { sha256, sizeBytes, data } = chunks.resolve(op.uid, chunk);
      const name = chunkFileName(chunkScope, sha256);
      const file: ManifestFile = { scope: chunkScope, name, sizeBytes, sha256 };
      files.set(name, { file, data, contentAddressed: true });
      return { keyGroups: chunk.keyGroups, file: name };
    });
    const list = Buffer.from(JSON.stringify(op.state.operator));
    const listFile: ManifestFile = {
      scope: 'own',
      name: listStateFile(op.uid),
      sizeBytes: list.length,
      sha256: sha256Of(list),
    };
    files.set(listFile.name, { file: listFile, data: () => list, contentAddressed: false });
    const { uid, kind, parallelism, keyGroupRanges } = op;
    const finishedSubtasks = op.state.finishedSubtasks ?? [];
    return {
      uid,
      kind,
      parallelism,
      keyGroupRanges,
      keyedChunks,
      listStateFile: listFile.name,
      finishedSubtasks,
    };
  });
  return { operators, files: [...files.values()] };
}

/**
 * Chunks are named by their hash, so one already there with the right size holds these bytes
 * (a torn one cannot exist: chunks are renamed into place). Returns the bytes written.
 */
async function writeUnlessPresent(
  file: string,
  sizeBytes: number,
  data: () => Buffer,
): Promise<number> {
  const present = await stat(file).then(
    (s) => s.size === sizeBytes,
    () => false,
  );
  if (present) return 0;
  await writeAtomically(file, data());
  return sizeBytes;
}
