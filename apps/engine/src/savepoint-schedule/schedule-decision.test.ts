import { NO_SAVEPOINT_POLICY } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { decideSavepoints, type SavepointFacts } from './schedule-decision.js';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;

/** A completed savepoint `hoursAgo` old. */
const savepoint = (
  checkpointId: number,
  hoursAgo: number,
  extra: Partial<SavepointFacts> = {},
) => ({
  checkpointId,
  completedAt: NOW - hoursAgo * HOUR,
  disposed: false,
  kept: false,
  pinned: false,
  ...extra,
});

const decide = (
  policy: Partial<typeof NO_SAVEPOINT_POLICY>,
  savepoints: SavepointFacts[],
  running = true,
) =>
  decideSavepoints({
    now: NOW,
    policy: { ...NO_SAVEPOINT_POLICY, ...policy },
    running,
    savepoints,
  });

describe('decideSavepoints', () => {
  it('does nothing without a policy', () => {
    expect(decide({}, [savepoint(1, 500), savepoint(2, 400)])).toEqual({
      trigger: false,
      dispose: [],
    });
  });

  it('triggers once the newest savepoint is an interval old, only while the job runs', () => {
    expect(decide({ intervalMs: 6 * HOUR }, []).trigger).toBe(true);
    expect(decide({ intervalMs: 6 * HOUR }, [savepoint(1, 5.9)]).trigger).toBe(false);
    expect(decide({ intervalMs: 6 * HOUR }, [savepoint(1, 6)]).trigger).toBe(true);
    expect(decide({ intervalMs: 6 * HOUR }, [savepoint(1, 7)], false).trigger).toBe(false);
    // One in progress or disposed of does not count.
    const notDone = [savepoint(2, 0, { completedAt: null }), savepoint(1, 7)];
    expect(decide({ intervalMs: 6 * HOUR }, notDone).trigger).toBe(true);
    expect(decide({ intervalMs: 6 * HOUR }, [savepoint(1, 1, { disposed: true })]).trigger).toBe(
      true,
    );
  });

  it('keeps the newest N, skipping kept and pinned ones, which do not count', () => {
    const savepoints = [
      savepoint(5, 1),
      savepoint(4, 2, { kept: true }),
      savepoint(3, 3),
      savepoint(2, 4, { pinned: true }),
      savepoint(1, 5),
      savepoint(0, 6, { disposed: true }),
    ];
    expect(decide({ keepCount: 2 }, savepoints).dispose).toEqual([
      { checkpointId: 1, reason: 'more than 2 newer savepoints are kept' },
    ]);
  });

  it('disposes of savepoints older than the age, never the newest', () => {
    expect(
      decide({ keepForMs: 48 * HOUR }, [savepoint(3, 50), savepoint(2, 60), savepoint(1, 10)])
        .dispose,
    ).toEqual([
      { checkpointId: 3, reason: 'older than 2 d' },
      { checkpointId: 2, reason: 'older than 2 d' },
    ]);
    expect(decide({ keepForMs: 2 * HOUR }, [savepoint(1, 500)]).dispose).toEqual([]);
  });
});
