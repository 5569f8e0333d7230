import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyGroupOf } from '../core/key-groups.js';
import { mergeSubtaskStates, restoresFinished, stateForSubtask } from './state-assignment.js';

describe('state assignment', () => {
  it('hands every key group and every list item to exactly one subtask at any new parallelism', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.uniqueArray(fc.string(), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (before, after, keys, items) => {
          const maxParallelism = 16;
          // Build "before" state the way subtasks would have held it.
          const perSubtask = Array.from({ length: before }, (_, s) => ({
            keyed: [] as Array<[number, unknown]>,
            operator: items.filter((_, i) => i % before === s),
          }));
          for (const key of keys) {
            const group = keyGroupOf(key, maxParallelism);
            const owner = Math.floor((group * before) / maxParallelism);
            perSubtask[owner]?.keyed.push([group, key]);
          }
          const stored = mergeSubtaskStates(perSubtask);
          const restored = Array.from({ length: after }, (_, s) =>
            stateForSubtask(stored, s, after, maxParallelism),
          );
          expect(restored.flatMap((s) => (s.keyed ?? []).map(([, key]) => key)).sort()).toEqual(
            [...keys].sort(),
          );
          expect(restored.flatMap((s) => s.operator ?? []).sort()).toEqual([...items].sort());
          restored.forEach((s, index) => {
            for (const [group] of s.keyed ?? [])
              expect(Math.floor((group * after) / maxParallelism)).toBe(index);
          });
        },
      ),
    );
  });

  it('gives list state back to the same subtask when the parallelism is unchanged', () => {
    const stored = mergeSubtaskStates([{ operator: ['a'] }, { operator: ['b', 'c'] }]);
    expect(stateForSubtask(stored, 1, 2, 128).operator).toEqual(['b', 'c']);
  });

  it('keeps finished subtasks finished at the same parallelism, and whole finished operators at any', () => {
    const partly = { ...mergeSubtaskStates([{}, {}, {}]), finishedSubtasks: [2] };
    expect([0, 1, 2].map((i) => restoresFinished(partly, i, 3))).toEqual([false, false, true]);
    // Rescaled, subtask 2 is no old subtask: it runs, and its source finds its splits done.
    expect([0, 1].map((i) => restoresFinished(partly, i, 2))).toEqual([false, false]);
    const wholly = { ...mergeSubtaskStates([{}, {}]), finishedSubtasks: [0, 1] };
    expect([0, 1, 2].map((i) => restoresFinished(wholly, i, 3))).toEqual([true, true, true]);
    expect(restoresFinished(mergeSubtaskStates([{}]), 0, 1)).toBe(false);
  });
});
