import { describe, expect, it } from 'vitest';
import type { SentOperatorState, SentPiece } from '../core/messages.js';
import { textOf } from '../state/serialised-state.js';
import { type ReceivedOperatorState, SentStateMirror } from './sent-state-mirror.js';

let nextId = 100;
const fresh = (text: string): SentPiece => [nextId++, Buffer.from(text)];
const sent = (
  keyed: Array<[number, SentPiece[] | string]>,
  unchanged: number[],
): Record<string, SentOperatorState> => ({
  win: {
    keyed: keyed.map(([group, pieces]) => [
      group,
      typeof pieces === 'string' ? [fresh(pieces)] : pieces,
    ]),
    unchanged,
    operator: [],
  },
});
const asText = (states: Record<string, ReceivedOperatorState>) =>
  (states.win?.keyed ?? [])
    .map(([group, pieces]): [number, string] => [group, textOf(pieces)])
    .sort((a, b) => a[0] - b[0]);
const piecesOf = (states: Record<string, ReceivedOperatorState>, group: number) =>
  states.win?.keyed.find(([g]) => g === group)?.[1];

describe('SentStateMirror', () => {
  it('fills in unchanged groups with the pieces sent before, and drops groups no longer sent', () => {
    const mirror = new SentStateMirror();
    const first = mirror.complete(
      'count',
      0,
      sent(
        [
          [1, 'a1'],
          [2, 'b1'],
          [3, 'c1'],
        ],
        [],
      ),
    );
    expect(asText(first)).toEqual([
      [1, 'a1'],
      [2, 'b1'],
      [3, 'c1'],
    ]);
    // Group 3 was emptied: neither sent nor named.
    const second = mirror.complete('count', 0, sent([[1, 'a2']], [2]));
    expect(asText(second)).toEqual([
      [1, 'a2'],
      [2, 'b1'],
    ]);
    // The very same byte arrays: a checkpoint finds them stored already (SegmentLocations).
    expect(piecesOf(second, 2)?.[0]).toBe(piecesOf(first, 2)?.[0]);
    expect(asText(mirror.complete('count', 0, sent([], [1, 2])))).toEqual([
      [1, 'a2'],
      [2, 'b1'],
    ]);
  });

  it('resolves a piece sent as its id to the bytes that came with that id', () => {
    const mirror = new SentStateMirror();
    const keys: SentPiece = [7, Buffer.from('"k1","k2"')];
    const first = mirror.complete(
      'count',
      0,
      sent([[1, [fresh('{"key":['), keys, fresh(']}')]]], []),
    );
    const second = mirror.complete(
      'count',
      0,
      sent([[1, [fresh('{"key":['), 7, fresh(']}')]]], []),
    );
    expect(asText(second)).toEqual([[1, '{"key":["k1","k2"]}']]);
    expect(piecesOf(second, 1)?.[1]).toBe(piecesOf(first, 1)?.[1]);
  });

  it('refuses what was never sent or not held in the previous report, and starts empty after clear', () => {
    const mirror = new SentStateMirror();
    mirror.complete('count', 0, sent([[1, [[5, Buffer.from('5')]]]], []));
    expect(() => mirror.complete('count', 1, sent([], [1]))).toThrow(
      'subtask count/1 reported key group 1 of win as sent before, but never sent it',
    );
    expect(() => mirror.complete('count', 0, sent([[2, [9]]], []))).toThrow(/piece 9/);
    // The previous report no longer held piece 5 (group 1 changed to other bytes).
    mirror.complete('count', 0, sent([[1, 'x']], []));
    expect(() => mirror.complete('count', 0, sent([[1, [5]]], []))).toThrow(/piece 5/);
    mirror.clear();
    expect(() => mirror.complete('count', 0, sent([], [1]))).toThrow(/never sent it/);
  });
});
