import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkData, chunkKeyedState, MAX_CHUNKS, serialiseKeyed } from './chunking.js';

const pairsOf = (groups: number[]) =>
  serialiseKeyed(groups.map((group): [number, unknown] => [group, { n: group }]));

describe('keyed-state chunking', () => {
  it('makes one chunk per key group at the default maxParallelism', () => {
    const chunks = chunkKeyedState(pairsOf([7, 3, 120]), 128);
    expect(chunks.map((c) => c.keyGroups)).toEqual([
      [3, 3],
      [7, 7],
      [120, 120],
    ]);
    expect(JSON.parse(chunkData(chunks[0]?.entries ?? []).toString() ?? '')).toEqual([
      [3, { n: 3 }],
    ]);
  });

  it('keeps at most MAX_CHUNKS fixed ranges that tile [0, maxParallelism)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32768 }),
        fc.array(fc.nat(), { maxLength: 300 }),
        (max, raw) => {
          const groups = [...new Set(raw.map((g) => g % max))];
          const chunks = chunkKeyedState(pairsOf(groups), max);
          expect(chunks.length).toBeLessThanOrEqual(MAX_CHUNKS);
          const back = chunks.flatMap(
            (c) => JSON.parse(chunkData(c.entries).toString()) as Array<[number, unknown]>,
          );
          expect(back.map(([g]) => g)).toEqual([...groups].sort((a, b) => a - b));
          for (const chunk of chunks) {
            const [start, end] = chunk.keyGroups;
            expect(start % Math.ceil(max / MAX_CHUNKS)).toBe(0);
            expect(end).toBeLessThan(max);
            for (const [g] of JSON.parse(chunkData(chunk.entries).toString()) as Array<[number]>) {
              expect(g >= start && g <= end).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('joins serialised entries into exactly the bytes JSON.stringify gives for the pairs', () => {
    const pairs: Array<[number, unknown]> = [
      [4, { key: ['a', 'b"c'], count: [1, 2], nested: { x: null } }],
      [5, []],
    ];
    const [chunk] = chunkKeyedState(serialiseKeyed(pairs), 32768);
    expect(chunkData(chunk?.entries ?? []).toString()).toBe(JSON.stringify(pairs));
  });

  it('serialises the same state to the same bytes whatever order the subtasks gave it in', () => {
    const forward = chunkKeyedState(pairsOf([0, 1, 2, 300, 301]), 32768);
    const backward = chunkKeyedState(pairsOf([301, 300, 2, 1, 0]), 32768);
    expect(backward).toEqual(forward);
    expect(forward.map((c) => c.keyGroups)).toEqual([
      [0, 255],
      [256, 511],
    ]);
  });
});
