import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyGroupRange } from '../../core/key-groups.js';
import { keyGroupOfPartition, ownsPartition } from './partition-ownership.js';

const ownersOf = (topic: string, partition: number, parallelism: number, maxParallelism: number) =>
  Array.from({ length: parallelism }, (_, s) => s).filter((s) =>
    ownsPartition({ topic, partition }, s, parallelism, maxParallelism),
  );

describe('partition ownership', () => {
  it('gives every partition exactly one subtask, the one whose key groups hold its offset (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom(64, 128, 4096),
        (topic, partition, parallelism, maxParallelism) => {
          const owners = ownersOf(topic, partition, parallelism, maxParallelism);
          expect(owners).toHaveLength(1);
          const [start, end] = keyGroupRange(owners[0] as number, parallelism, maxParallelism);
          const keyGroup = keyGroupOfPartition({ topic, partition }, maxParallelism);
          expect(keyGroup >= start && keyGroup <= end).toBe(true);
        },
      ),
    );
  });

  it('spreads partitions about evenly over the subtasks', () => {
    for (const [partitions, parallelism, most] of [
      [4, 4, 1],
      [8, 4, 2],
      [16, 2, 8],
      [12, 3, 5],
      [32, 5, 8],
    ] as const) {
      const counts = Array.from({ length: parallelism }, () => 0);
      for (let p = 0; p < partitions; p++) {
        const [owner] = ownersOf('orders', p, parallelism, 128);
        counts[owner as number] = (counts[owner as number] ?? 0) + 1;
      }
      expect(Math.max(...counts)).toBeLessThanOrEqual(most);
    }
  });
});
