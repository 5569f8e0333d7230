import { listCheckpointDirs } from './checkpoint-dirs.js';
import { type LoadedSnapshot, readSnapshot } from './read-snapshot.js';
import { type SnapshotDefect, SnapshotInvalidError } from './snapshot-invalid.js';

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
