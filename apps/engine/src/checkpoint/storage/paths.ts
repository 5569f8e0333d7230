import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SnapshotKind } from '@weir/contract';
import { SnapshotClaims } from './claims.js';

/** The one place that knows where snapshots live on disk (DESIGN.md §3). */
export interface SnapshotPaths {
  /** The folders under which every checkpoint, and every savepoint, lies. */
  roots: { checkpoints: string; savepoints: string };
  /** What this engine's writers and restore pins rely on under them, kept from retention. */
  claims: SnapshotClaims;
  checkpointsOf(jobId: string): string;
  checkpoint(jobId: string, checkpointId: number): string;
  savepointsOf(jobId: string): string;
  savepoint(jobId: string, checkpointId: number, suffix: string): string;
}

export const METADATA_FILE = '_metadata';
/** Segment files that a job's checkpoints share, named by their hash: `<job>/shared/<sha256>`. */
export const SHARED_DIR = 'shared';
const CHECKPOINT_DIR_PATTERN = /^chk-(\d+)$/;

export function createSnapshotPaths(checkpointDir: string, savepointDir: string): SnapshotPaths {
  return {
    roots: { checkpoints: checkpointDir, savepoints: savepointDir },
    claims: new SnapshotClaims(),
    checkpointsOf: (jobId) => path.join(checkpointDir, jobId),
    checkpoint: (jobId, id) => path.join(checkpointDir, jobId, `chk-${id}`),
    savepointsOf: (jobId) => path.join(savepointDir, jobId),
    savepoint: (jobId, id, suffix) => path.join(savepointDir, jobId, `savepoint-${id}-${suffix}`),
  };
}

/**
 * Where a new snapshot goes: a checkpoint under its id; a savepoint under its id and a random
 * suffix, so a savepoint never lands on an earlier one's folder.
 */
export const snapshotDir = (
  paths: SnapshotPaths,
  jobId: string,
  checkpointId: number,
  kind: SnapshotKind,
) =>
  kind === 'CHECKPOINT'
    ? paths.checkpoint(jobId, checkpointId)
    : paths.savepoint(jobId, checkpointId, randomBytes(3).toString('hex'));

/** Checkpoint id encoded in a `chk-<id>` directory name, or null for anything else. */
export function checkpointIdOf(dirName: string): number | null {
  const match = CHECKPOINT_DIR_PATTERN.exec(dirName);
  return match ? Number(match[1]) : null;
}

/** Where a snapshot's files go: its own folder, or (checkpoints only) the job's shared folder. */
export type FileScope = 'own' | 'shared';

const OWN_SEGMENTS_DIR = 'segments';

/** A segment's name in the manifest: its hash in the shared folder, `segments/<hash>` in its own. */
export const segmentFileName = (scope: FileScope, sha256: string) =>
  scope === 'shared' ? sha256 : `${OWN_SEGMENTS_DIR}/${sha256}`;

/** The shared folder of the checkpoints in `jobCheckpointDir`. */
export const sharedDirOf = (jobCheckpointDir: string) => path.join(jobCheckpointDir, SHARED_DIR);

/** The folder a snapshot's segments of `scope` go to. */
export const segmentDirOf = (snapshotDir: string, scope: FileScope) =>
  scope === 'shared'
    ? sharedDirOf(path.dirname(snapshotDir))
    : path.join(snapshotDir, OWN_SEGMENTS_DIR);

/** A manifest file's location: own names resolve inside the snapshot, shared ones beside it. */
export const snapshotFilePath = (snapshotDir: string, file: { scope: FileScope; name: string }) =>
  file.scope === 'shared'
    ? path.join(segmentDirOf(snapshotDir, 'shared'), file.name)
    : path.join(snapshotDir, file.name);
