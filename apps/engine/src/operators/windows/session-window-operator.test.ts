import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { createWindowOperator } from './create-window-operator.js';

const sessions = (gapMs: number, allowedLatenessMs = 0) =>
  new OperatorHarness(
    createWindowOperator({
      keyField: 'user',
      timeField: 'ts',
      window: { kind: 'session', gapMs },
      aggregate: { kind: 'max', field: 'v' },
      allowedLatenessMs,
    }),
  );

describe('SessionWindowOperator', () => {
  it('merges two sessions that a record bridges (touching counts), combining aggregates', () => {
    const h = sessions(10);
    h.operator.processElement({ user: 'a', ts: 0, v: 1 }, 0, undefined, -1);
    h.operator.processElement({ user: 'a', ts: 20, v: 7 }, 0, undefined, -1);
    h.operator.processElement({ user: 'b', ts: 12, v: 2 }, 0, undefined, -1);
    h.operator.processElement({ user: 'a', ts: 10, v: 3 }, 0, undefined, -1);
    h.operator.processWatermark(24);
    expect(h.drain()).toEqual([{ key: 'b', windowStart: 12, windowEnd: 22, value: 2, count: 1 }]);
    h.operator.processElement({ user: 'a', ts: 22, v: 4 }, 0, undefined, -1);
    h.operator.processWatermark(100);
    expect(h.drain()).toEqual([{ key: 'a', windowStart: 0, windowEnd: 32, value: 7, count: 4 }]);
  });

  it('re-emits a session extended within lateness as the new, longer window', () => {
    const h = sessions(10, 50);
    h.operator.processElement({ user: 'a', ts: 0, v: 1 }, 0, undefined, -1);
    h.operator.processWatermark(20);
    h.operator.processElement({ user: 'a', ts: 5, v: 9 }, 0, undefined, -1);
    expect(h.drain()).toEqual([
      { key: 'a', windowStart: 0, windowEnd: 10, value: 1, count: 1 },
      { key: 'a', windowStart: 0, windowEnd: 15, value: 9, count: 2 },
    ]);
    h.operator.processWatermark(64);
    expect(h.operator.snapshotState().keyed).toEqual([]);
  });
});
