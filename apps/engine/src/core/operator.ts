import type { Logger } from '../logging/logger.js';

/** Where an operator sends what it produces; the runtime routes it to downstream operators. */
export interface Output {
  emit(value: unknown): void;
}

export interface OperatorContext {
  uid: string;
  /** Which of the vertex's `parallelism` subtasks this instance is (0-based). */
  subtaskIndex: number;
  parallelism: number;
  maxParallelism: number;
  output: Output;
  /** Emits on a named side output (e.g. "late"); edges with that `output` tag receive it. */
  sideOutput(tag: string, value: unknown): void;
  /** Records the operator cannot process: counted, sampled and kept, never silently dropped. */
  deadLetter(record: unknown, reason: string): void;
  logger: Logger;
  /** Processing time, from the runtime's injectable clock. */
  now(): number;
  /** Asks for `onProcessingTime` to be called once the clock reaches `time`. */
  registerProcessingTimer(time: number): void;
}

/**
 * State as the runtime stores and redistributes it: plain JSON values only (no Map, Set,
 * BigInt or class instances), since it crosses threads and is written as JSON. Keyed state is bucketed by key group, so
 * a rescale moves whole key groups to their new subtask without rehashing keys; operator
 * (non-keyed) state is a list whose items the runtime deals out again on rescale (like
 * Flink's union/split list state: source splits, pending sink output).
 */
export interface OperatorState {
  keyed?: Array<[keyGroup: number, state: unknown]>;
  operator?: unknown[];
}

/** A snapshot of only the key groups changed since the previous one (see `snapshotChangedState`). */
export interface ChangedOperatorState extends OperatorState {
  /** Key groups that hold state, the same as in the previous snapshot; not in `keyed`. */
  unchangedKeyGroups: number[];
}

/**
 * A stream operator instance (one subtask of one operator). The runtime calls it from one
 * thread, so between two calls its state is consistent: that is what lets a barrier snapshot
 * every operator of a subtask at the same cut.
 */
export interface Operator {
  open(ctx: OperatorContext): void;
  /**
   * One record. `input` is the index of the edge it arrived on (edges into this operator in
   * spec order), for multi-input operators such as joins. After a hash edge, `key` and
   * `keyGroup` are the record's key and key group (the runtime computed them to route it);
   * otherwise `key` is undefined and `keyGroup` is -1.
   */
  processElement(value: unknown, input: number, key: string | undefined, keyGroup: number): void;
  /** Event time has reached `watermark` (the minimum over all inputs): fire what is complete. */
  processWatermark(watermark: number): void;
  onProcessingTime?(now: number): void;
  /**
   * A copy of the state at the barrier of `checkpointId` that later mutation cannot change
   * (it is serialised while processing goes on). Return only the key groups that hold state.
   * `FINAL_SNAPSHOT` asks for the state a finished subtask ends with, after `endInput`; every
   * checkpoint completed after that holds it (the job ends with one: see `finalCheckpoint`).
   */
  snapshotState(checkpointId: number): OperatorState;
  /**
   * Optional, for keyed operators that track what they change: like `snapshotState`, but
   * `keyed` holds only the key groups changed since this instance's previous call, and the
   * others that hold state are listed as unchanged. The first call returns every group. Once
   * an operator has it, the runtime calls only this, and reuses what it serialised before for
   * the unchanged groups, so a checkpoint costs what changed rather than the whole state.
   */
  snapshotChangedState?(checkpointId: number): ChangedOperatorState;
  /** Called after `open`, before the first record, with the key groups this subtask now owns. */
  restoreState(state: OperatorState): void;
  /**
   * The checkpoint is durable: side effects that waited for it may happen now, while
   * `mayCommit()` says so. Ask it right before each effect becomes visible. Once it says no,
   * this instance may have lost leadership (it was paused past its lease): keep the effects
   * pending in state, where the next completed checkpoint, or the new leader restoring this
   * one, makes them.
   */
  notifyCheckpointComplete?(checkpointId: number, mayCommit: () => boolean): Promise<void> | void;
  /** A bounded input has ended: flush what no later checkpoint will cover. */
  endInput?(): Promise<void> | void;
  /** The instance will not be called again: release what it holds outside the thread (connections). */
  close?(): Promise<void> | void;
}

export interface PollResult {
  emitted: number;
  finished: boolean;
  /** When nothing was due: how long until the next record is. */
  nextDueInMs: number;
}

/** How far a source is behind the end of one partition of its input (Kafka's consumer lag). */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** Records written to the partition that the source has not emitted yet. */
  records: number;
  /** Age of the last record emitted while behind; 0 when caught up, null before any record. */
  seconds: number | null;
}

export interface SourceOperator extends Operator {
  /** Emits at most `max` records that are due at `nowMs`. */
  poll(max: number, nowMs: number): PollResult;
  /** Event-time progress of this subtask: the minimum over its active splits. */
  currentWatermark(): number;
  /** Positions by split id, for the checkpoint manifest. */
  positions(): Record<string, number>;
  /** For sources that read partitioned logs: lag per partition this subtask reads. */
  lag?(): PartitionLag[];
}

export const isSource = (op: Operator): op is SourceOperator => 'poll' in op;

export const NO_KEY_GROUP = -1;
/** The id `snapshotState` gets for a finished subtask's final state; checkpoint ids start at 1. */
export const FINAL_SNAPSHOT = 0;
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;
export const MIN_WATERMARK = Number.MIN_SAFE_INTEGER;
