import type { Snapshot } from '@/lib/trpc/types';

/** Snapshots a job can be restored from: completed, with files on disk (not disposed). */
export function restorableSnapshots(checkpoints: Snapshot[], savepoints: Snapshot[]): Snapshot[] {
  return [...savepoints, ...checkpoints]
    .filter((s) => s.status === 'COMPLETED' && s.path !== null && !s.disposedAt)
    .sort((a, b) => Date.parse(b.triggeredAt) - Date.parse(a.triggeredAt));
}
