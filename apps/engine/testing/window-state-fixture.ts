import type { SnapshotClaims } from '../src/checkpoint/storage/claims.js';
import { SegmentLocations } from '../src/checkpoint/storage/segment-plan.js';
import {
  type SnapshotContent,
  type WrittenSnapshot,
  writeSnapshot,
} from '../src/checkpoint/storage/write-snapshot.js';
import { keyGroupOf } from '../src/core/key-groups.js';
import { packedGroup } from '../src/operators/windows/packed-windows.js';
import { WindowColumns } from '../src/operators/windows/window-columns.js';
import type { WindowCell } from '../src/operators/windows/window-slot.js';
import { serialiseEntry } from '../src/state/serialised-state.js';
import type { StoredOperatorState } from '../src/state/state-assignment.js';

/**
 * A tumbling window operator's state for `keys` keys (user-0, user-1, ...): one window, a slot
 * per key, grouped by key group as the operator keeps them; `slots[i]` is key i's slot.
 */
export function windowGroups(
  keys: number,
  maxParallelism: number,
): { groups: Map<number, WindowColumns>; slots: WindowCell[] } {
  const groups = new Map<number, WindowColumns>();
  const slots: WindowCell[] = [];
  for (let i = 0; i < keys; i++) {
    const key = `user-${i}`;
    const keyGroup = keyGroupOf(key, maxParallelism);
    let window = groups.get(keyGroup);
    if (!window) {
      window = new WindowColumns(keyGroup, 0, 10_000);
      groups.set(keyGroup, window);
    }
    slots.push(window.cell(window.slotOf(key)));
  }
  return { groups, slots };
}

/**
 * Synthetic keyed state as a tumbling window operator snapshots it (one slot per key in one
 * window, packed per key group), as values, the way a snapshot reads back: for the storage
 * tests, which compare what they wrote with what they read. `countOf` decides each key's
 * count, which is how callers change some keys between checkpoints.
 */
export function windowState(
  keys: number,
  maxParallelism: number,
  countOf: (key: number, keyGroup: number) => number,
): StoredOperatorState {
  const { groups, slots } = windowGroups(keys, maxParallelism);
  slots.forEach((slot, i) => {
    slot.count = countOf(i, slot.keyGroup);
  });
  const keyed = [...groups].map(([keyGroup, window]): [number, unknown] => [
    keyGroup,
    JSON.parse(packedGroup([window]).text),
  ]);
  return { parallelism: 1, keyed, operator: [[]] };
}

/**
 * Checkpoints of job "job" with one window operator of `keys` keys, where round `id` changes
 * key group `id % maxParallelism` (its keys count `id`). Like a subtask and the job master,
 * it hands unchanged key groups on as the very pieces sent before, so written with its
 * `locations` each checkpoint stores one key group and refers to the rest: what the retention
 * and pin tests need.
 */
export class WindowCheckpoints {
  readonly locations = new SegmentLocations();
  private readonly sent = new Map<number, Uint8Array[]>();

  constructor(
    private readonly keys: number,
    private readonly maxParallelism: number,
  ) {}

  content(id: number): SnapshotContent {
    const { keys, maxParallelism } = this;
    const changed = id % maxParallelism;
    const state = windowState(keys, maxParallelism, (_, g) => (g === changed ? id : 0));
    const keyed = state.keyed.map(([keyGroup, value]): [number, Uint8Array[]] => {
      const previous = this.sent.get(keyGroup);
      if (previous && keyGroup !== changed) return [keyGroup, previous];
      const [, pieces] = serialiseEntry(keyGroup, value);
      this.sent.set(keyGroup, pieces);
      return [keyGroup, pieces];
    });
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
          state: { ...state, keyed },
        },
      ],
      sourcePositions: {},
      deadLetters: [],
    };
  }

  /** Writes checkpoint `id` into `dir`, its files claimed in `claims` while it writes. */
  write(dir: string, id: number, claims: SnapshotClaims): Promise<WrittenSnapshot> {
    return writeSnapshot(dir, this.content(id), claims, this.locations);
  }
}
