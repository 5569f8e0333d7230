import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { DedupeOperator } from './dedupe.js';

describe('DedupeOperator', () => {
  it('in event time, drops repeats of a key within the TTL and forgets keys as the watermark passes', () => {
    const h = new OperatorHarness(
      new DedupeOperator({ keyField: 'id', ttlMs: 10, timeField: 'ts' }),
    );
    const op = h.operator;
    op.processElement({ id: 'x', ts: 100 }, 0, undefined, -1);
    op.processElement({ id: 'x', ts: 105 }, 0, undefined, -1);
    op.processElement({ id: 'y', ts: 106 }, 0, undefined, -1);
    op.processElement({ id: 'x', ts: 110 }, 0, undefined, -1);
    expect(h.drain()).toEqual([
      { id: 'x', ts: 100 },
      { id: 'y', ts: 106 },
      { id: 'x', ts: 110 },
    ]);
    expect(op.dropped).toBe(1);
    op.processWatermark(119);
    expect(op.size).toBe(1);
    op.processWatermark(120);
    expect(op.size).toBe(0);
  });

  it('in processing time, expires keys on a timer and keeps state across snapshot/restore', () => {
    const h = new OperatorHarness(new DedupeOperator({ keyField: 'id', ttlMs: 1000 }));
    h.advanceTo(0);
    h.operator.processElement({ id: 'x' }, 0, undefined, -1);
    h.advanceTo(500);
    h.operator.processElement({ id: 'x' }, 0, undefined, -1);
    const state = JSON.parse(JSON.stringify(h.operator.snapshotState()));
    expect(h.emitted).toHaveLength(1);

    const restored = new OperatorHarness(new DedupeOperator({ keyField: 'id', ttlMs: 1000 }));
    restored.operator.restoreState(state);
    restored.advanceTo(900);
    restored.operator.processElement({ id: 'x' }, 0, undefined, -1);
    expect(restored.emitted).toEqual([]);
    restored.advanceTo(1000);
    expect(restored.operator.size).toBe(0);
    restored.operator.processElement({ id: 'x' }, 0, undefined, -1);
    expect(restored.emitted).toEqual([{ id: 'x' }]);
  });

  it('keeps memory bounded by the keys of one TTL over a long stream', () => {
    const h = new OperatorHarness(
      new DedupeOperator({ keyField: 'id', ttlMs: 100, timeField: 'ts' }),
    );
    for (let ts = 0; ts < 100_000; ts++) {
      h.operator.processElement({ id: `k${ts % 5000}`, ts }, 0, undefined, -1);
      if (ts % 50 === 0) h.operator.processWatermark(ts - 1);
    }
    expect(h.operator.size).toBeLessThanOrEqual(151);
  });

  it('uses the key the hash edge delivers and buckets state by its key group', () => {
    const h = new OperatorHarness(new DedupeOperator({ ttlMs: 10, timeField: 'ts' }));
    h.operator.processElement({ ts: 1 }, 0, 'a', 3);
    h.operator.processElement({ ts: 2 }, 0, 'a', 3);
    h.operator.processElement({ ts: 2 }, 0, 'b', 5);
    expect(h.emitted).toHaveLength(2);
    expect(h.operator.snapshotState()).toEqual({
      keyed: [
        [3, { key: ['a'], expiresAt: [11] }],
        [5, { key: ['b'], expiresAt: [12] }],
      ],
    });
  });

  it('snapshots only the key groups that changed: a new key, or one forgotten', () => {
    const h = new OperatorHarness(new DedupeOperator({ ttlMs: 10, timeField: 'ts' }));
    const op = h.operator;
    op.processElement({ ts: 1 }, 0, 'a', 3);
    op.processElement({ ts: 5 }, 0, 'b', 5);
    expect(op.snapshotChangedState()).toEqual({
      keyed: [
        [3, { key: ['a'], expiresAt: [11] }],
        [5, { key: ['b'], expiresAt: [15] }],
      ],
      unchangedKeyGroups: [],
    });
    op.processElement({ ts: 2 }, 0, 'a', 3); // a repeat: dropped, nothing changes
    op.processElement({ ts: 6 }, 0, 'c', 7);
    expect(op.snapshotChangedState()).toEqual({
      keyed: [[7, { key: ['c'], expiresAt: [16] }]],
      unchangedKeyGroups: [3, 5],
    });
    op.processWatermark(11); // forgets a: its group is left with nothing
    expect(op.snapshotChangedState()).toEqual({ keyed: [], unchangedKeyGroups: [5, 7] });
  });
});
