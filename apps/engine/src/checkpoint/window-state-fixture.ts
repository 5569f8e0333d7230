import { packedGroup, WindowGroupSlots } from '../operators/windows/packed-windows.js';
import { WindowSlot } from '../operators/windows/window-slot.js';
import { keyGroupOf } from '../runtime/key-groups.js';
import { serialiseStored } from './chunking.js';
import type { StoredOperatorState } from './state-assignment.js';
import type { SnapshotContent } from './write-snapshot.js';

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

/**
 * Checkpoint `id` of job "job" with one window operator of `keys` keys, after round `id`
 * changed key group `id % maxParallelism`: each checkpoint writes a chunk of its own and
 * shares the rest, which is what the retention tests need.
 */
export function windowCheckpoint(
  id: number,
  keys: number,
  maxParallelism: number,
): SnapshotContent {
  const changed = id % maxParallelism;
  return {
    jobId: 'job',
    checkpointId: id,
    kind: 'CHECKPOINT',
    maxParallelism,
    operators: [
      {
        uid: 'win',
        kind: 'tumbling-count',
        parallelism: 1,
        keyGroupRanges: [[0, maxParallelism - 1]],
        state: serialiseStored(
          windowState(keys, maxParallelism, (_, g) => (g === changed ? id : 0)),
        ),
      },
    ],
    sourcePositions: {},
  };
}
