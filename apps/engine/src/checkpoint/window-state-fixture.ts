import { emptyColumns, type SlotColumns } from '../operators/windows/window-slot.js';
import { keyGroupOf } from '../runtime/key-groups.js';
import type { StoredOperatorState } from './state-assignment.js';

/**
 * Synthetic keyed state shaped like a tumbling window operator's snapshot (one slot per key,
 * columns per key group), for the storage tests and the checkpoint-size benchmark.
 * `countOf` decides each key's count, which is how callers change some keys between checkpoints.
 */
export function windowState(
  keys: number,
  maxParallelism: number,
  countOf: (key: number, keyGroup: number) => number,
): StoredOperatorState {
  const groups = new Map<number, SlotColumns>();
  for (let i = 0; i < keys; i++) {
    const key = `user-${i}`;
    const keyGroup = keyGroupOf(key, maxParallelism);
    let columns = groups.get(keyGroup);
    if (!columns) {
      columns = emptyColumns();
      groups.set(keyGroup, columns);
    }
    columns.key.push(key);
    columns.start.push(0);
    columns.end.push(10_000);
    columns.fired.push(0);
    columns.count.push(countOf(i, keyGroup));
    columns.acc.push(0);
  }
  return { parallelism: 1, keyed: [...groups], operator: [[]] };
}
