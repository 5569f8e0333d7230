import { describe, expect, it } from 'vitest';
import { textOf } from '../../checkpoint/serialised-state.js';
import type { ChangedOperatorState, Operator, OperatorState } from '../operator.js';
import { StateSerialiser } from './state-serialiser.js';

/** An operator whose snapshots the test dictates. */
const scripted = (full: OperatorState, changes: ChangedOperatorState[]): Operator => ({
  open() {},
  processElement() {},
  processWatermark() {},
  restoreState() {},
  snapshotState: () => full,
  snapshotChangedState: () => changes.shift() as ChangedOperatorState,
});

const parsed = (keyed: Array<[number, Uint8Array[]]>) =>
  keyed.map(([group, json]) => [group, JSON.parse(textOf(json))]).sort((a, b) => a[0] - b[0]);

describe('StateSerialiser', () => {
  it('sends each key group as the JSON of its state', () => {
    const operator = scripted({ keyed: [[3, { n: 1 }]], operator: ['x'] }, []);
    delete operator.snapshotChangedState;
    const sent = new StateSerialiser(operator).snapshot(1);
    expect(sent.operator).toEqual(['x']);
    expect(sent.keyed.map(([group, json]) => [group, textOf(json)])).toEqual([[3, '{"n":1}']]);
  });

  it('sends only the groups that changed and names the unchanged ones', () => {
    const serialiser = new StateSerialiser(
      scripted({}, [
        {
          keyed: [
            [1, 'a1'],
            [2, 'b1'],
            [3, 'c1'],
          ],
          unchangedKeyGroups: [],
        },
        { keyed: [[1, 'a2']], unchangedKeyGroups: [2] }, // group 3 was emptied
        { keyed: [], unchangedKeyGroups: [1, 2] },
      ]),
    );
    const first = serialiser.snapshot(1);
    expect(parsed(first.keyed)).toEqual([
      [1, 'a1'],
      [2, 'b1'],
      [3, 'c1'],
    ]);
    expect(first.unchanged).toEqual([]);
    const second = serialiser.snapshot(2);
    expect(parsed(second.keyed)).toEqual([[1, 'a2']]);
    expect(second.unchanged).toEqual([2]);
    const third = serialiser.snapshot(3);
    expect(third.keyed).toEqual([]);
    expect(third.unchanged).toEqual([1, 2]);
  });

  it('refuses a group reported unchanged that it never sent, rather than lose its state', () => {
    const serialiser = new StateSerialiser(
      scripted({}, [
        { keyed: [[1, 'a']], unchangedKeyGroups: [] },
        { keyed: [], unchangedKeyGroups: [1, 9] },
      ]),
    );
    serialiser.snapshot(1);
    expect(() => serialiser.snapshot(2)).toThrow(/key group 9/);
  });
});
