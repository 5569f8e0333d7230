import path from 'node:path';

/** The one place that knows where snapshots live on disk (DESIGN.md §3). */
export interface SnapshotPaths {
  checkpointsOf(jobId: string): string;
  checkpoint(jobId: string, checkpointId: number): string;
  savepointsOf(jobId: string): string;
  savepoint(jobId: string, checkpointId: number, suffix: string): string;
}

export const METADATA_FILE = '_metadata';
const CHECKPOINT_DIR_PATTERN = /^chk-(\d+)$/;

export function createSnapshotPaths(checkpointDir: string, savepointDir: string): SnapshotPaths {
  return {
    checkpointsOf: (jobId) => path.join(checkpointDir, jobId),
    checkpoint: (jobId, id) => path.join(checkpointDir, jobId, `chk-${id}`),
    savepointsOf: (jobId) => path.join(savepointDir, jobId),
    savepoint: (jobId, id, suffix) => path.join(savepointDir, jobId, `savepoint-${id}-${suffix}`),
  };
}

/** Checkpoint id encoded in a `chk-<id>` directory name, or null for anything else. */
export function checkpointIdOf(dirName: string): number | null {
  const match = CHECKPOINT_DIR_PATTERN.exec(dirName);
  return match ? Number(match[1]) : null;
}

export const operatorStateFile = (uid: string) => `op-${uid}.json`;
