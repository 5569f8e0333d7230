import type { WindowResult } from '@weir/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../testing/operator-harness.js';
import { TumblingCount, windowStartOf } from './tumbling-count.js';

function harness(sizeMs = 10) {
  const h = new OperatorHarness(new TumblingCount('user', 'ts', sizeMs));
  return {
    op: h.operator,
    emitted: h.emitted as WindowResult[],
    deadLetterReasons: () => h.deadLetters.map((d) => d.reason),
  };
}

const key = (r: WindowResult) => `${r.key}@${r.windowStart}`;

describe('windowStartOf', () => {
  it('aligns to the window size, for negative times too', () => {
    expect(windowStartOf(0, 10)).toBe(0);
    expect(windowStartOf(19, 10)).toBe(10);
    expect(windowStartOf(-1, 10)).toBe(-10);
  });
});

describe('TumblingCount', () => {
  it('fires a window once the watermark passes its last millisecond', () => {
    const { op, emitted } = harness();
    op.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    op.processElement({ user: 'a', ts: 9 }, 0, undefined, -1);
    op.processElement({ user: 'b', ts: 5 }, 0, undefined, -1);
    op.processElement({ user: 'a', ts: 12 }, 0, undefined, -1);
    op.processWatermark(8);
    expect(emitted).toEqual([]);
    op.processWatermark(9);
    expect(emitted.map(key).sort()).toEqual(['a@0', 'b@0']);
    expect(emitted.find((r) => r.key === 'a')).toEqual({
      key: 'a',
      windowStart: 0,
      windowEnd: 10,
      count: 2,
    });
  });

  it('drops late records for windows already fired and counts them', () => {
    const { op, emitted } = harness();
    op.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    op.processWatermark(20);
    op.processElement({ user: 'a', ts: 2 }, 0, undefined, -1);
    op.processWatermark(100);
    expect(emitted).toHaveLength(1);
    expect(op.lateRecordsDropped).toBe(1);
  });

  it('sends records without a numeric time or a key to the dead letters', () => {
    const { op, deadLetterReasons } = harness();
    op.processElement({ user: 'a', ts: 'yesterday' }, 0, undefined, -1);
    op.processElement({ ts: 3 }, 0, undefined, -1);
    expect(deadLetterReasons()).toEqual(['field "ts" is not a number', 'field "user" is missing']);
  });

  it('continues identically after snapshot and restore into a fresh instance', () => {
    const first = harness();
    first.op.processElement({ user: 'a', ts: 1 }, 0, undefined, -1);
    first.op.processElement({ user: 'b', ts: 15 }, 0, undefined, -1);
    first.op.processWatermark(9);
    const state = JSON.parse(JSON.stringify(first.op.snapshotState()));
    const second = harness();
    second.op.restoreState(state);
    second.op.processElement({ user: 'b', ts: 16 }, 0, undefined, -1);
    second.op.processWatermark(30);
    expect(second.emitted).toEqual([{ key: 'b', windowStart: 10, windowEnd: 20, count: 2 }]);
  });

  it('matches a reference count for any in-order-enough input (property)', () => {
    const event = fc.record({
      user: fc.constantFrom('a', 'b', 'c', 'd'),
      ts: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 200 }),
        fc.integer({ min: 0, max: 50 }),
        (events, bound) => {
          const { op, emitted } = harness(10);
          // Bounded out-of-orderness watermark, as a source would emit it after each record.
          let maxTs = Number.MIN_SAFE_INTEGER;
          const reference = new Map<string, number>();
          for (const e of events) {
            const watermark = maxTs - bound - 1;
            const start = windowStartOf(e.ts, 10);
            // The reference applies the same lateness rule: a window closed by the watermark is done.
            if (start + 9 > watermark)
              reference.set(`${e.user}@${start}`, (reference.get(`${e.user}@${start}`) ?? 0) + 1);
            op.processElement(e, 0, undefined, -1);
            maxTs = Math.max(maxTs, e.ts);
            op.processWatermark(maxTs - bound - 1);
          }
          op.processWatermark(Number.MAX_SAFE_INTEGER);
          const actual = new Map(emitted.map((r) => [key(r), r.count]));
          expect(actual).toEqual(reference);
        },
      ),
    );
  });
});
