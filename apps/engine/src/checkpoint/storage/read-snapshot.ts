import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeadLetterBatch } from '../../core/dead-letter-batch.js';
import type { StoredOperatorState } from '../../state/state-assignment.js';
import { FILE_CONCURRENCY, forEachConcurrently } from './concurrently.js';
import { type Manifest, parseManifest, type StoredBytes, sha256Of } from './manifest.js';
import { METADATA_FILE, snapshotFilePath } from './paths.js';
import { SnapshotInvalidError } from './snapshot-invalid.js';

export interface LoadedSnapshot {
  dir: string;
  manifest: Manifest;
  /** Operator state by uid, read back from the ranges of segments the manifest names. */
  states: Map<string, StoredOperatorState>;
  /** Dead letters it stored, to publish when a run starts from it. */
  deadLetters: DeadLetterBatch[];
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
  const contents: Buffer[] = [];
  await forEachConcurrently([...manifest.files.entries()], FILE_CONCURRENCY, async ([i, file]) => {
    const where = `${file.scope} file ${file.name}`;
    const data = await readFile(snapshotFilePath(dir, file)).catch(() => null);
    if (data === null) throw new SnapshotInvalidError(dir, 'MISSING_FILE', where);
    if (data.length !== file.sizeBytes || sha256Of(data) !== file.sha256) {
      throw new SnapshotInvalidError(dir, 'CHECKSUM_MISMATCH', where);
    }
    contents[i] = data;
  });
  const parsedFrom = (bytes: StoredBytes): unknown => JSON.parse(textOf(bytes, contents));
  const states = new Map<string, StoredOperatorState>();
  for (const op of manifest.operators) {
    states.set(op.uid, {
      parallelism: op.parallelism,
      keyed: op.keyed.map(({ keyGroup, bytes }) => [keyGroup, parsedFrom(bytes)]),
      operator: parsedFrom(op.listState) as unknown[][],
      finishedSubtasks: op.finishedSubtasks,
    });
  }
  const deadLetters = manifest.deadLetters
    ? (parsedFrom(manifest.deadLetters) as DeadLetterBatch[])
    : [];
  return { dir, manifest, states, deadLetters };
}

/** The text that `ranges` of the (verified) files hold, joined in order. */
function textOf(ranges: StoredBytes, files: readonly Buffer[]): string {
  const slice = ([file, offset, length]: StoredBytes[number]) =>
    (files[file] as Buffer).subarray(offset, offset + length);
  if (ranges.length === 1) return slice(ranges[0] as StoredBytes[number]).toString('utf8');
  return Buffer.concat(ranges.map(slice)).toString('utf8');
}
