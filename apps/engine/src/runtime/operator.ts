import type { Logger } from '../logging/logger.js';

/** Where an operator sends what it produces; the runtime fans it out to downstream operators. */
export interface Output {
  emit(value: unknown): void;
}

export interface OperatorContext {
  uid: string;
  output: Output;
  /** Records the operator cannot process: counted, sampled and kept, never silently dropped. */
  deadLetter(record: unknown, reason: string): void;
  logger: Logger;
}

/**
 * A stream operator. The runtime calls it from one thread, so between two calls its state is
 * consistent, which is what lets a checkpoint snapshot every operator at the same cut.
 */
export interface Operator {
  open(ctx: OperatorContext): void;
  processElement(value: unknown): void;
  /** Event time has reached `watermark`: fire what is complete. */
  processWatermark(watermark: number): void;
  /**
   * A copy of the state, taken at the barrier of `checkpointId`, that later mutation cannot
   * change (it is serialised asynchronously while processing goes on).
   */
  snapshotState(checkpointId: number): unknown;
  restoreState(state: unknown): void;
  /** The checkpoint is durable: side effects that wait for it may happen now. */
  notifyCheckpointComplete?(checkpointId: number): Promise<void> | void;
  /** A bounded input has ended: flush what no later checkpoint will cover. */
  endInput?(): Promise<void> | void;
}

export interface PollResult {
  emitted: number;
  finished: boolean;
  /** When nothing was due: how long until the next record is. */
  nextDueInMs: number;
}

export interface SourceOperator extends Operator {
  /** Emits at most `max` records that are due at `nowMs`. */
  poll(max: number, nowMs: number): PollResult;
  /** Event-time progress of this source (bounded out-of-orderness). */
  currentWatermark(): number;
  /** Position to record in the checkpoint manifest. */
  position(): number;
}

export const isSource = (op: Operator): op is SourceOperator => 'poll' in op;

export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;
export const MIN_WATERMARK = Number.MIN_SAFE_INTEGER;
