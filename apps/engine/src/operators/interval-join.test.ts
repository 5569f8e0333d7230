import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { IntervalJoinOperator } from './interval-join.js';

const join = () =>
  new OperatorHarness(
    new IntervalJoinOperator({
      leftKeyField: 'user',
      rightKeyField: 'user',
      leftTimeField: 'ts',
      rightTimeField: 'ts',
      lowerBoundMs: -5,
      upperBoundMs: 10,
    }),
  );

describe('IntervalJoinOperator', () => {
  it('joins each left with the rights of its key within [left + lower, left + upper], either order', () => {
    const h = join();
    const op = h.operator;
    op.processElement({ user: 'a', ts: 100, side: 'L' }, 0, undefined, -1);
    op.processElement({ user: 'a', ts: 94, side: 'R' }, 1, undefined, -1);
    op.processElement({ user: 'a', ts: 95, side: 'R' }, 1, undefined, -1);
    op.processElement({ user: 'b', ts: 100, side: 'R' }, 1, undefined, -1);
    op.processElement({ user: 'a', ts: 110, side: 'R' }, 1, undefined, -1);
    op.processElement({ user: 'a', ts: 111, side: 'R' }, 1, undefined, -1);
    op.processElement({ user: 'a', ts: 104, side: 'L' }, 0, undefined, -1);
    expect(h.emitted).toEqual([
      {
        key: 'a',
        ts: 100,
        left: { user: 'a', ts: 100, side: 'L' },
        right: { user: 'a', ts: 95, side: 'R' },
      },
      {
        key: 'a',
        ts: 110,
        left: { user: 'a', ts: 100, side: 'L' },
        right: { user: 'a', ts: 110, side: 'R' },
      },
      {
        key: 'a',
        ts: 110,
        left: { user: 'a', ts: 104, side: 'L' },
        right: { user: 'a', ts: 110, side: 'R' },
      },
      {
        key: 'a',
        ts: 111,
        left: { user: 'a', ts: 104, side: 'L' },
        right: { user: 'a', ts: 111, side: 'R' },
      },
    ]);
  });

  it('drops buffered records no future record can match, and sends late records aside', () => {
    const h = join();
    h.operator.processElement({ user: 'a', ts: 100 }, 0, undefined, -1);
    h.operator.processElement({ user: 'a', ts: 100 }, 1, undefined, -1);
    h.operator.processWatermark(105);
    // The right at 100 can still meet lefts up to 105; the left at 100 rights up to 110.
    expect(h.operator.snapshotState().keyed?.[0]?.[1]).toEqual([
      ['a', [[100, { user: 'a', ts: 100 }]], [[100, { user: 'a', ts: 100 }]]],
    ]);
    h.operator.processWatermark(106);
    expect(h.operator.snapshotState().keyed?.[0]?.[1]).toEqual([
      ['a', [[100, { user: 'a', ts: 100 }]], []],
    ]);
    h.operator.processWatermark(111);
    expect(h.operator.snapshotState().keyed).toEqual([]);
    h.operator.processElement({ user: 'a', ts: 110 }, 1, undefined, -1);
    expect(h.sideOutputs.get('late')).toEqual([{ user: 'a', ts: 110 }]);
  });

  it('restores its buffers and keeps joining', () => {
    const first = join();
    first.operator.processElement({ user: 'a', ts: 100 }, 0, undefined, -1);
    const state = JSON.parse(JSON.stringify(first.operator.snapshotState()));
    const second = join();
    second.operator.restoreState(state);
    second.operator.processElement({ user: 'a', ts: 103 }, 1, undefined, -1);
    expect(second.emitted).toHaveLength(1);
  });

  it('snapshots only the key groups whose buffers changed', () => {
    const h = join();
    const op = h.operator;
    op.processElement({ ts: 100 }, 0, 'a', 3);
    op.processElement({ ts: 100 }, 1, 'b', 5);
    expect(op.snapshotChangedState().unchangedKeyGroups).toEqual([]);
    op.processElement({ ts: 101 }, 1, 'b', 5);
    expect(op.snapshotChangedState()).toEqual({
      keyed: [
        [
          5,
          [
            [
              'b',
              [],
              [
                [100, { ts: 100 }],
                [101, { ts: 101 }],
              ],
            ],
          ],
        ],
      ],
      unchangedKeyGroups: [3],
    });
    op.processWatermark(106); // b's right at 100 can meet no future left: dropped
    expect(op.snapshotChangedState()).toEqual({
      keyed: [[5, [['b', [], [[101, { ts: 101 }]]]]]],
      unchangedKeyGroups: [3],
    });
  });
});
