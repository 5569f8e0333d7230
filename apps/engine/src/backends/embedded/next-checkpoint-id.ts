import type { SnapshotPaths } from '../../checkpoint/storage/paths.js';
import { listCheckpointDirs } from '../../checkpoint/storage/storage.js';
import type { SnapshotHistoryStore } from './stores.js';

/**
 * The first checkpoint id a new run of `jobId` may use: above `highestSeenId` (the snapshot it
 * restores), every id in the history and every checkpoint folder on disk, so no id is reused.
 */
export async function nextCheckpointId(
  jobId: string,
  highestSeenId: number,
  sources: { history: SnapshotHistoryStore; paths: SnapshotPaths },
): Promise<number> {
  const [checkpoint] = await sources.history.list({ jobId, kind: 'CHECKPOINT', limit: 1 });
  const [savepoint] = await sources.history.list({ jobId, kind: 'SAVEPOINT', limit: 1 });
  const [newestOnDisk] = await listCheckpointDirs(sources.paths.checkpointsOf(jobId));
  return (
    Math.max(
      highestSeenId,
      checkpoint?.checkpointId ?? 0,
      savepoint?.checkpointId ?? 0,
      newestOnDisk?.id ?? 0,
    ) + 1
  );
}
