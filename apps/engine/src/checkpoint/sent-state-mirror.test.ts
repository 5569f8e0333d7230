import { describe, expect, it } from 'vitest';
import type { SentOperatorState } from '../runtime/execution/messages.js';
import { SentStateMirror } from './sent-state-mirror.js';
import { textOf } from './serialised-state.js';

const pieces = (text: string) => [Buffer.from(text)];
const sent = (
  keyed: Array<[number, string]>,
  unchanged: number[],
): Record<string, SentOperatorState> => ({
  win: { keyed: keyed.map(([group, text]) => [group, pieces(text)]), unchanged, operator: [] },
});
const asText = (states: Record<string, SentOperatorState>) =>
  (states.win?.keyed ?? [])
    .map(([group, json]): [number, string] => [group, textOf(json)])
    .sort((a, b) => a[0] - b[0]);

describe('SentStateMirror', () => {
  it('fills in unchanged groups with the bytes sent before, and drops groups no longer sent', () => {
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
    const bytesOf = (states: Record<string, SentOperatorState>, group: number) =>
      states.win?.keyed.find(([g]) => g === group)?.[1];
    expect(bytesOf(second, 2)).toBe(bytesOf(first, 2));
    expect(asText(mirror.complete('count', 0, sent([], [1, 2])))).toEqual([
      [1, 'a2'],
      [2, 'b1'],
    ]);
  });

  it('keeps subtasks apart, and starts empty again after clear', () => {
    const mirror = new SentStateMirror();
    mirror.complete('count', 0, sent([[1, 'a']], []));
    expect(() => mirror.complete('count', 1, sent([], [1]))).toThrow(
      'subtask count/1 reported key group 1 of win unchanged, but never sent it',
    );
    mirror.clear();
    expect(() => mirror.complete('count', 0, sent([], [1]))).toThrow(/never sent it/);
  });
});
