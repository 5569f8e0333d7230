import type { Snapshot } from '@/lib/trpc/types';

/** Snapshots a job can be restored from: completed, with files on disk (not disposed). */
export function restorableSnapshots(checkpoints: Snapshot[], savepoints: Snapshot[]): Snapshot[] {
  return [...savepoints, ...checkpoints]
    .filter((s) => s.status === 'COMPLETED' && s.path !== null && !s.disposedAt)
    .sort((a, b) => Date.parse(b.triggeredAt) - Date.parse(a.triggeredAt));
}

/**
 * The path the restore wizard preselects: the newest restorable snapshot, but only from lists
 * fetched since the wizard opened (`fetchedAt` is the older of the two lists' fetch times).
 * Lists cached from an earlier visit miss the checkpoints completed since; preselecting from
 * them would change the choice once the fresh lists arrive, after the dry run and the operator
 * have read the first one.
 */
export function preselectedSnapshot(
  snapshots: Snapshot[] | undefined,
  fetchedAt: number,
  openedAt: number,
): string | null {
  if (snapshots === undefined || fetchedAt < openedAt) return null;
  return snapshots[0]?.path ?? null;
}
