import { keyGroupRange } from '../core/key-groups.js';
import type { OperatorState } from '../core/operator.js';

/**
 * How one operator's state is kept in a snapshot: keyed state merged, list state per subtask.
 * `K` is how a key group's state is held: as values once read, as JSON on the way to storage.
 */
export interface StoredOperatorState<K = unknown> {
  parallelism: number;
  keyed: Array<[number, K]>;
  /** List state of each subtask, in subtask order. */
  operator: unknown[][];
  /** Subtasks that had finished when the snapshot was taken (their state is their final one). */
  finishedSubtasks?: number[];
}

/** Merges the per-subtask states of one operator into its stored form. */
export function mergeSubtaskStates<K>(
  states: Array<{ keyed?: Array<[number, K]>; operator?: unknown[] }>,
): StoredOperatorState<K> {
  return {
    parallelism: states.length,
    keyed: states.flatMap((s) => s.keyed ?? []),
    operator: states.map((s) => s.operator ?? []),
  };
}

/**
 * The state subtask `index` of `parallelism` starts with. Keyed state goes by key-group range,
 * so a rescale moves whole key groups. List state stays with its subtask when the parallelism
 * is unchanged, and is dealt out round-robin when it changed (every item lands exactly once).
 */
export function stateForSubtask(
  stored: StoredOperatorState,
  index: number,
  parallelism: number,
  maxParallelism: number,
): OperatorState {
  const [start, end] = keyGroupRange(index, parallelism, maxParallelism);
  const keyed = stored.keyed.filter(([group]) => group >= start && group <= end);
  const operator =
    stored.parallelism === parallelism
      ? (stored.operator[index] ?? [])
      : stored.operator.flat().filter((_, i) => i % parallelism === index);
  return { keyed, operator };
}

/**
 * Whether subtask `index` of `parallelism` restores as finished (FLIP-147). A subtask finishes
 * only once everything upstream of it did, so a finished one has nothing left to do: at the
 * same parallelism it stays finished; at another, subtasks map to no old ones, and only an
 * operator whose every subtask had finished stays finished.
 */
export function restoresFinished(
  stored: StoredOperatorState,
  index: number,
  parallelism: number,
): boolean {
  const finished = stored.finishedSubtasks ?? [];
  if (finished.length === stored.parallelism) return true;
  return stored.parallelism === parallelism && finished.includes(index);
}
