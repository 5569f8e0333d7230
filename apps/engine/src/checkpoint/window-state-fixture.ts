import { packedGroup, WindowGroupSlots } from '../operators/windows/packed-windows.js';
import { WindowSlot } from '../operators/windows/window-slot.js';
import { keyGroupOf } from '../runtime/key-groups.js';
import type { StoredOperatorState } from './state-assignment.js';

/**
 * Synthetic keyed state as a tumbling window operator snapshots it (one slot per key in one
 * window, packed per key group), for the storage tests and the checkpoint-size benchmark.
 * `countOf` decides each key's count, which is how callers change some keys between checkpoints.
 */
export function windowState(
  keys: number,
  maxParallelism: number,
  countOf: (key: number, keyGroup: number) => number,
): StoredOperatorState {
  const groups = new Map<number, WindowGroupSlots>();
  for (let i = 0; i < keys; i++) {
    const key = `user-${i}`;
    const keyGroup = keyGroupOf(key, maxParallelism);
    let window = groups.get(keyGroup);
    if (!window) {
      window = new WindowGroupSlots(0, 10_000);
      groups.set(keyGroup, window);
    }
    const slot = new WindowSlot(key, keyGroup, 0, 10_000);
    slot.count = countOf(i, keyGroup);
    window.slots.push(slot);
  }
  // As values, the way a snapshot reads back: tests compare what they wrote with what they read.
  const keyed = [...groups].map(([keyGroup, window]): [number, unknown] => [
    keyGroup,
    JSON.parse(packedGroup([window]).text),
  ]);
  return { parallelism: 1, keyed, operator: [[]] };
}
