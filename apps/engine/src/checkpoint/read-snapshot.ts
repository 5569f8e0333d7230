import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FILE_CONCURRENCY, forEachConcurrently } from './concurrently.js';
import { type Manifest, parseManifest, sha256Of } from './manifest.js';
import { METADATA_FILE, snapshotFilePath } from './paths.js';
import { SnapshotInvalidError } from './snapshot-invalid.js';
import type { StoredOperatorState } from './state-assignment.js';

export interface LoadedSnapshot {
  dir: string;
  manifest: Manifest;
  /** Operator state by uid, keyed state reassembled from its chunks. */
  states: Map<string, StoredOperatorState>;
}

/**
 * Reads a snapshot and verifies the size and checksum of every file it needs, its own and
 * the shared ones, before trusting any of it.
 */
export async function readSnapshot(dir: string): Promise<LoadedSnapshot> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, METADATA_FILE), 'utf8');
  } catch {
    throw new SnapshotInvalidError(dir, 'MISSING_METADATA', 'no _metadata file');
  }
  const parsed = parseManifest(raw);
  if ('problem' in parsed) throw new SnapshotInvalidError(dir, 'BAD_METADATA', parsed.problem);
  const { manifest } = parsed;
  const contents = new Map<string, unknown>();
  await forEachConcurrently(manifest.files, FILE_CONCURRENCY, async (file) => {
    const where = `${file.scope} file ${file.name}`;
    const data = await readFile(snapshotFilePath(dir, file)).catch(() => null);
    if (data === null) throw new SnapshotInvalidError(dir, 'MISSING_FILE', where);
    if (data.length !== file.sizeBytes || sha256Of(data) !== file.sha256) {
      throw new SnapshotInvalidError(dir, 'CHECKSUM_MISMATCH', where);
    }
    contents.set(file.name, JSON.parse(data.toString('utf8')));
  });
  const states = new Map<string, StoredOperatorState>();
  for (const op of manifest.operators) {
    states.set(op.uid, {
      parallelism: op.parallelism,
      keyed: op.keyedChunks.flatMap(
        (chunk) => contents.get(chunk.file) as Array<[number, unknown]>,
      ),
      operator: contents.get(op.listStateFile) as unknown[][],
      finishedSubtasks: op.finishedSubtasks,
    });
  }
  return { dir, manifest, states };
}
