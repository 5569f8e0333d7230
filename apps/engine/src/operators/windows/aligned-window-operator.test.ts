import type { OperatorSpec } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { createOperator } from '../registry.js';
import { windowStartOf } from './aligned-window-operator.js';
import { createWindowOperator } from './create-window-operator.js';
import type { WindowResultRecord } from './window-operator.js';

const tumblingCount = (sizeMs = 10) =>
  new OperatorHarness(
    createOperator(
      {
        uid: 'count',
        kind: 'tumbling-count',
        config: { keyField: 'user', timeField: 'ts', sizeMs },
      } as OperatorSpec,
      { now: () => 0, job: { id: 'job', checkpointIntervalMs: 1000 } },
    ),
  );

const window = (config: Partial<Parameters<typeof createWindowOperator>[0]>) =>
  new OperatorHarness(
    createWindowOperator({
      keyField: 'user',
      timeField: 'ts',
      window: { kind: 'tumbling', sizeMs: 10 },
      aggregate: { kind: 'count' },
      allowedLatenessMs: 0,
      ...config,
    }),
  );

const id = (r: WindowResultRecord) => `${r.key}@${r.windowStart}`;

describe('windowStartOf', () => {
  it('aligns to the window size, for negative times too', () => {
    expect(windowStartOf(0, 10)).toBe(0);
    expect(windowStartOf(19, 10)).toBe(10);
    expect(windowStartOf(-1, 10)).toBe(-10);
  });
});

describe('tumbling-count (alias of a tumbling count window)', () => {
  it('fires a window once the watermark passes its last millisecond, in the skeleton shape', () => {
    const h = tumblingCount();
    const op = h.operator;
    op.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    op.processElement({ user: 'a', ts: 9 }, 0, undefined, -1);
    op.processElement({ user: 'b', ts: 5 }, 0, undefined, -1);
    op.processElement({ user: 'a', ts: 12 }, 0, undefined, -1);
    op.processWatermark(8);
    expect(h.emitted).toEqual([]);
    op.processWatermark(9);
    const emitted = h.emitted as WindowResultRecord[];
    expect(emitted.map(id).sort()).toEqual(['a@0', 'b@0']);
    expect(emitted.find((r) => r.key === 'a')).toEqual({
      key: 'a',
      windowStart: 0,
      windowEnd: 10,
      count: 2,
    });
  });

  it('sends records for windows already fired to the "late" side output', () => {
    const h = tumblingCount();
    h.operator.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    h.operator.processWatermark(20);
    h.operator.processElement({ user: 'a', ts: 2 }, 0, undefined, -1);
    h.operator.processWatermark(100);
    expect(h.emitted).toHaveLength(1);
    expect(h.sideOutputs.get('late')).toEqual([{ user: 'a', ts: 2 }]);
    expect(h.deadLetters).toEqual([]);
  });

  it('sends records without a numeric time or a key to the dead letters', () => {
    const h = tumblingCount();
    h.operator.processElement({ user: 'a', ts: 'yesterday' }, 0, undefined, -1);
    h.operator.processElement({ ts: 3 }, 0, undefined, -1);
    h.operator.processElement('{"user":', 0, undefined, -1);
    expect(h.deadLetters.map((d) => d.reason)).toEqual([
      'field "ts" is not a number',
      'field "user" is missing',
      'not a JSON object',
    ]);
  });

  it('continues identically after snapshot and restore into a fresh instance', () => {
    const first = tumblingCount();
    first.operator.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    first.operator.processElement({ user: 'b', ts: 15 }, 0, undefined, -1);
    first.operator.processWatermark(9);
    const state = JSON.parse(JSON.stringify(first.operator.snapshotState(1)));
    const second = tumblingCount();
    second.operator.restoreState(state);
    second.operator.processElement({ user: 'b', ts: 16 }, 0, undefined, -1);
    second.operator.processWatermark(30);
    expect(second.emitted).toEqual([{ key: 'b', windowStart: 10, windowEnd: 20, count: 2 }]);
  });
});

describe('AlignedWindowOperator', () => {
  it('uses the key and key group the hash edge delivers, and buckets state by key group', () => {
    const h = window({});
    h.operator.processElement({ user: 'ignored', ts: 1 }, 0, 'k1', 7);
    h.operator.processElement({ ts: 2 }, 0, 'k2', 9);
    h.operator.processElement({ ts: 3 }, 0, 'k1', 7);
    const keyed = h.operator.snapshotState().keyed ?? [];
    expect(keyed.map(([group]) => group).sort()).toEqual([7, 9]);
    h.operator.processWatermark(100);
    expect(h.emitted).toEqual([
      { key: 'k1', windowStart: 0, windowEnd: 10, value: 2, count: 2 },
      { key: 'k2', windowStart: 0, windowEnd: 10, value: 1, count: 1 },
    ]);
    expect(h.operator.snapshotState()).toEqual({ keyed: [] });
  });

  it('assigns a record to every sliding window that contains it', () => {
    const h = window({ window: { kind: 'sliding', sizeMs: 10, slideMs: 5 } });
    h.operator.processElement({ user: 'a', ts: 7 }, 0, undefined, -1);
    h.operator.processWatermark(100);
    expect((h.emitted as WindowResultRecord[]).map((r) => [r.windowStart, r.windowEnd])).toEqual([
      [0, 10],
      [5, 15],
    ]);
  });

  it('computes sum, min, max, avg and distinct-count over a field', () => {
    const values = [3, 1, 4, 1, 5];
    const results = (['sum', 'min', 'max', 'avg', 'distinct-count'] as const).map((kind) => {
      const h = window({ aggregate: { kind, field: 'v' } });
      for (const v of values) h.operator.processElement({ user: 'a', ts: 1, v }, 0, undefined, -1);
      h.operator.processWatermark(100);
      return (h.emitted[0] as WindowResultRecord).value;
    });
    expect(results).toEqual([14, 1, 5, 2.8, 4]);
  });

  it('dead-letters a record whose aggregated field is not a number', () => {
    const h = window({ aggregate: { kind: 'sum', field: 'v' } });
    h.operator.processElement({ user: 'a', ts: 1, v: '3' }, 0, undefined, -1);
    expect(h.deadLetters[0]?.reason).toBe('field "v" is not a number');
  });

  it('re-emits a fired window for a record within allowed lateness, then purges it', () => {
    const h = window({ allowedLatenessMs: 20 });
    h.operator.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    h.operator.processWatermark(15);
    h.operator.processElement({ user: 'a', ts: 2 }, 0, undefined, -1);
    expect((h.emitted as WindowResultRecord[]).map((r) => r.count)).toEqual([1, 2]);
    h.operator.processWatermark(29);
    expect(h.operator.snapshotState().keyed).toEqual([]);
    h.operator.processElement({ user: 'a', ts: 3 }, 0, undefined, -1);
    expect(h.sideOutputs.get('late')).toEqual([{ user: 'a', ts: 3 }]);
  });
});
