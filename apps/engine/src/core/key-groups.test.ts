import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyGroupOf, keyGroupRange, subtaskOfKeyGroup } from './key-groups.js';

const setup = fc.integer({ min: 1, max: 4096 }).chain((maxParallelism) =>
  fc.record({
    maxParallelism: fc.constant(maxParallelism),
    parallelism: fc.integer({ min: 1, max: maxParallelism }),
  }),
);

describe('key groups', () => {
  it('puts every key in exactly one subtask, the one whose range holds its key group', () => {
    fc.assert(
      fc.property(setup, fc.string(), ({ maxParallelism, parallelism }, key) => {
        const group = keyGroupOf(key, maxParallelism);
        expect(group).toBeGreaterThanOrEqual(0);
        expect(group).toBeLessThan(maxParallelism);
        const subtask = subtaskOfKeyGroup(group, parallelism, maxParallelism);
        const owners = Array.from({ length: parallelism }, (_, s) =>
          keyGroupRange(s, parallelism, maxParallelism),
        ).filter(([start, end]) => group >= start && group <= end);
        expect(owners).toHaveLength(1);
        expect(keyGroupRange(subtask, parallelism, maxParallelism)[0]).toBeLessThanOrEqual(group);
        expect(keyGroupRange(subtask, parallelism, maxParallelism)[1]).toBeGreaterThanOrEqual(
          group,
        );
      }),
    );
  });

  it('ranges tile [0, maxParallelism) with no gap and no overlap', () => {
    fc.assert(
      fc.property(setup, ({ maxParallelism, parallelism }) => {
        let next = 0;
        for (let s = 0; s < parallelism; s++) {
          const [start, end] = keyGroupRange(s, parallelism, maxParallelism);
          expect(start).toBe(next);
          expect(end).toBeGreaterThanOrEqual(start);
          next = end + 1;
        }
        expect(next).toBe(maxParallelism);
      }),
    );
  });

  it('a change of parallelism moves whole key groups: keys of one group always travel together', () => {
    fc.assert(
      fc.property(
        setup,
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.string(), { minLength: 2, maxLength: 50 }),
        ({ maxParallelism, parallelism }, other, keys) => {
          const newParallelism = Math.min(other, maxParallelism);
          const byGroup = new Map<number, Set<number>>();
          for (const key of keys) {
            const group = keyGroupOf(key, maxParallelism);
            const before = subtaskOfKeyGroup(group, parallelism, maxParallelism);
            const after = subtaskOfKeyGroup(group, newParallelism, maxParallelism);
            const moves = byGroup.get(group) ?? new Set();
            moves.add(before * 100_000 + after);
            byGroup.set(group, moves);
          }
          for (const moves of byGroup.values()) expect(moves.size).toBe(1);
        },
      ),
    );
  });

  it('spreads keys evenly enough', () => {
    const counts = new Array(128).fill(0);
    for (let i = 0; i < 128_000; i++) counts[keyGroupOf(`user-${i}`, 128)] += 1;
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1200);
  });
});
