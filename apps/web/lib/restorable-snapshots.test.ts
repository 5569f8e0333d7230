import type { Snapshot } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { preselectedSnapshot, restorableSnapshots } from './restorable-snapshots';

const snapshot = (checkpointId: number, over: Partial<Snapshot> = {}): Snapshot => ({
  jobId: 'clicks',
  checkpointId,
  kind: 'CHECKPOINT',
  status: 'COMPLETED',
  triggeredAt: new Date(Date.UTC(2026, 10, 1, 0, 0, checkpointId)).toISOString(),
  durationMs: 10,
  sizeBytes: 100,
  path: `/data/checkpoints/clicks/chk-${checkpointId}`,
  failureReason: null,
  ...over,
});

describe('restorableSnapshots', () => {
  it('lists completed snapshots with files, newest first, savepoints among checkpoints', () => {
    const listed = restorableSnapshots(
      [
        snapshot(1),
        snapshot(3),
        snapshot(4, { status: 'FAILED', path: null }),
        snapshot(5, { status: 'IN_PROGRESS' }),
      ],
      [
        snapshot(2, { kind: 'SAVEPOINT', path: '/data/savepoints/sp-2' }),
        snapshot(0, { kind: 'SAVEPOINT', disposedAt: new Date().toISOString() }),
      ],
    );
    expect(listed.map((s) => `${s.kind}-${s.checkpointId}`)).toEqual([
      'CHECKPOINT-3',
      'SAVEPOINT-2',
      'CHECKPOINT-1',
    ]);
  });
});

describe('preselectedSnapshot', () => {
  const openedAt = 10_000;
  const fresh = restorableSnapshots([snapshot(7), snapshot(6)], []);

  it('is the newest snapshot of lists fetched since the wizard opened', () => {
    expect(preselectedSnapshot(fresh, openedAt, openedAt)).toBe(fresh[0]?.path);
    expect(preselectedSnapshot(fresh, openedAt + 250, openedAt)).toBe(fresh[0]?.path);
  });

  it('is nothing while the lists on screen are the ones cached before opening', () => {
    // Checkpoint 8 may have completed since: the cached lists cannot know.
    expect(preselectedSnapshot(fresh, openedAt - 1, openedAt)).toBeNull();
  });

  it('is nothing before the lists are in, or when there is nothing to restore from', () => {
    expect(preselectedSnapshot(undefined, 0, openedAt)).toBeNull();
    expect(preselectedSnapshot([], openedAt + 1, openedAt)).toBeNull();
  });
});
