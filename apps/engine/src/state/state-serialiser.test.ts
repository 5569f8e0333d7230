import { describe, expect, it } from 'vitest';
import type { SentPiece } from '../core/messages.js';
import type { ChangedOperatorState, Operator, OperatorState } from '../core/operator.js';
import { RawJson } from '../core/raw-json.js';
import { textOf } from './serialised-state.js';
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

/** The text of sent pieces that all came with their bytes. */
const textOfSent = (pieces: SentPiece[]) =>
  textOf(
    pieces.map((piece) => {
      if (typeof piece === 'number') throw new Error(`piece ${piece} sent as an id`);
      return piece[1];
    }),
  );
const parsed = (keyed: Array<[number, SentPiece[]]>) =>
  keyed.map(([group, sent]) => [group, JSON.parse(textOfSent(sent))]).sort((a, b) => a[0] - b[0]);

describe('StateSerialiser', () => {
  it('sends each key group as the JSON of its state', () => {
    const operator = scripted({ keyed: [[3, { n: 1 }]], operator: ['x'] }, []);
    delete operator.snapshotChangedState;
    const sent = new StateSerialiser(operator).snapshot(1);
    expect(sent.operator).toEqual(['x']);
    expect(sent.keyed.map(([group, pieces]) => [group, textOfSent(pieces)])).toEqual([
      [3, '{"n":1}'],
    ]);
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

  it('sends a piece the operator hands in again as its id while the job master holds it', () => {
    const keys = Buffer.from('"k1"');
    const group = (...parts: Array<string | Uint8Array>) => new RawJson(['[', ...parts, ']']);
    const serialiser = new StateSerialiser(
      scripted({}, [
        { keyed: [[1, group(keys)]], unchangedKeyGroups: [] },
        { keyed: [[1, group(keys, ',"k2"')]], unchangedKeyGroups: [] },
        { keyed: [[1, group('"k3"')]], unchangedKeyGroups: [] },
        { keyed: [[1, group(keys)]], unchangedKeyGroups: [] },
      ]),
    );
    const first = serialiser.snapshot(1).keyed[0]?.[1] ?? [];
    expect(first).toHaveLength(3);
    const [, keysSent] = first as [SentPiece, [number, Uint8Array], SentPiece];
    expect(keysSent[1]).toBe(keys);
    // The same array again: its id only.
    const second = serialiser.snapshot(2).keyed[0]?.[1] ?? [];
    expect(second[1]).toBe(keysSent[0]);
    // Not held by the previous report any more: its bytes again, under the same id.
    serialiser.snapshot(3);
    const fourth = serialiser.snapshot(4).keyed[0]?.[1] ?? [];
    expect(fourth[1]).toEqual([keysSent[0], keys]);
  });
});
