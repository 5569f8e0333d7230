import type { WindowConfig } from '@weir/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import type { ReceivedOperatorState } from '../../checkpoint/sent-state-mirror.js';
import { SentStateMirror } from '../../checkpoint/sent-state-mirror.js';
import { keyGroupOf } from '../../core/key-groups.js';
import { parsedValue } from '../../core/raw-json.js';
import { serialiseKeyed, textOf } from '../../state/serialised-state.js';
import { StateSerialiser } from '../../state/state-serialiser.js';
import { createWindowOperator } from './create-window-operator.js';
import { slotsOfGroup } from './packed-windows.js';

const MAX_PARALLELISM = 8;

const windowOperator = (window: WindowConfig['window'], allowedLatenessMs = 0) =>
  new OperatorHarness(
    createWindowOperator({
      keyField: 'user',
      timeField: 'ts',
      window,
      aggregate: { kind: 'count' },
      allowedLatenessMs,
    }),
    { maxParallelism: MAX_PARALLELISM },
  );

/** Keys in distinct key groups, so each test can tell the groups apart. */
const [a, b] = ['a', 'b', 'c', 'd', 'e'].filter(
  (key, i, keys) =>
    keys.findIndex((k) => keyGroupOf(k, MAX_PARALLELISM) === keyGroupOf(key, MAX_PARALLELISM)) ===
    i,
) as [string, string];
const groupOf = (key: string) => keyGroupOf(key, MAX_PARALLELISM);
/** Every slot of a snapshot as one comparable line, in a fixed order. */
const slotsOf = (keyed: Array<[number, unknown]> | undefined) =>
  (keyed ?? [])
    .flatMap(([group, state]) =>
      slotsOfGroup(parsedValue(state), group).map((slot) =>
        JSON.stringify([group, slot.key, slot.start, slot.end, slot.fired, slot.count, slot.acc]),
      ),
    )
    .sort();
const groups = (keyed: Array<[number, unknown]> | undefined) => (keyed ?? []).map(([g]) => g);

describe('window operators: snapshots of changed key groups', () => {
  it('leaves out groups unchanged since the previous snapshot, and counts firing and purging as changes', () => {
    const h = windowOperator({ kind: 'tumbling', sizeMs: 10 }, 5);
    const op = h.operator;
    op.processElement({ user: a, ts: 1 }, 0, undefined, -1);
    op.processElement({ user: b, ts: 2 }, 0, undefined, -1);
    const first = op.snapshotChangedState();
    expect(groups(first.keyed).sort()).toEqual([groupOf(a), groupOf(b)].sort());
    expect(first.unchangedKeyGroups).toEqual([]);

    op.processElement({ user: a, ts: 3 }, 0, undefined, -1);
    const second = op.snapshotChangedState();
    expect(groups(second.keyed)).toEqual([groupOf(a)]);
    expect(second.unchangedKeyGroups).toEqual([groupOf(b)]);

    const third = op.snapshotChangedState();
    expect(groups(third.keyed)).toEqual([]);
    expect(third.unchangedKeyGroups.sort()).toEqual([groupOf(a), groupOf(b)].sort());

    op.processWatermark(9); // fires the window (kept 5 ms longer): every slot's `fired` changed
    expect(groups(op.snapshotChangedState().keyed).sort()).toEqual([groupOf(a), groupOf(b)].sort());
    op.processWatermark(14); // purged: the groups hold nothing, neither changed nor unchanged
    expect(op.snapshotChangedState()).toEqual({ keyed: [], unchangedKeyGroups: [] });
  });

  const windows: Array<[string, WindowConfig['window'], number]> = [
    ['tumbling', { kind: 'tumbling', sizeMs: 10 }, 0],
    ['sliding with lateness', { kind: 'sliding', sizeMs: 10, slideMs: 5 }, 7],
    ['session with lateness', { kind: 'session', gapMs: 4 }, 5],
  ];
  const step = fc.oneof(
    fc.record({
      t: fc.constant('record' as const),
      key: fc.integer({ min: 0, max: 30 }),
      ts: fc.integer({ min: 0, max: 60 }),
    }),
    fc.record({ t: fc.constant('watermark' as const), by: fc.integer({ min: 0, max: 12 }) }),
    fc.constant({ t: 'snapshot' as const }),
  );

  for (const [name, window, lateness] of windows) {
    it(`${name}: what the job master completes from what was sent is the full state, and restores to it`, () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
          const h = windowOperator(window, lateness);
          const serialiser = new StateSerialiser(h.operator);
          // The job master's side: unchanged groups filled in from what was sent before.
          const mirror = new SentStateMirror();
          let watermark = 0;
          let checkpointId = 0;
          for (const s of [...steps, { t: 'snapshot' as const }]) {
            if (s.t === 'record')
              h.operator.processElement({ user: `u${s.key}`, ts: s.ts }, 0, undefined, -1);
            else if (s.t === 'watermark') {
              watermark += s.by;
              h.operator.processWatermark(watermark);
            } else {
              const full = h.operator.snapshotState();
              const { win: sent } = mirror.complete('window', 0, {
                win: serialiser.snapshot(++checkpointId),
              }) as { win: ReceivedOperatorState };
              const byGroup = (keyed: Array<[number, Uint8Array[]]>) =>
                keyed
                  .map(([g, json]): [number, string] => [g, textOf(json)])
                  .sort((x, y) => x[0] - y[0]);
              expect(byGroup(sent.keyed)).toEqual(byGroup(serialiseKeyed(full.keyed ?? [])));
              // Restored from what was sent, a new instance holds the same slots (in its own order).
              const restored = windowOperator(window, lateness);
              restored.operator.restoreState({
                keyed: sent.keyed.map(([group, json]): [number, unknown] => [
                  group,
                  JSON.parse(textOf(json)),
                ]),
              });
              restored.operator.processWatermark(watermark);
              expect(slotsOf(restored.operator.snapshotState().keyed)).toEqual(slotsOf(full.keyed));
            }
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});
