import type { SnapshotKind } from '@weir/contract';
import type { JobCheckpointHa } from './job-checkpoint-ha.js';
import type { CommitOutcome } from './snapshot-commit.js';
import type { SnapshotClaims } from './storage/claims.js';
import type { SegmentLocations } from './storage/segment-plan.js';
import { type SnapshotContent, type WrittenSnapshot, writeSnapshot } from './storage/storage.js';

/**
 * Writes a snapshot and commits it through HA, its directory claimed until the commit's
 * outcome is known: retention that keeps what HA pointers name would otherwise take a
 * complete snapshot whose pointer does not exist yet.
 */
export async function writeAndCommit(
  deps: { ha: JobCheckpointHa; claims: SnapshotClaims; stored: SegmentLocations },
  snapshot: { kind: SnapshotKind; checkpointId: number; dir: string; retained: number },
  content: SnapshotContent,
): Promise<{ written: WrittenSnapshot; commit: CommitOutcome }> {
  const { ha, claims, stored } = deps;
  await claims.claim(snapshot.dir);
  try {
    const written = await writeSnapshot(snapshot.dir, content, claims, stored);
    return { written, commit: await ha.commit(snapshot) };
  } finally {
    claims.release([snapshot.dir]);
  }
}
