import type { Operator, OperatorState } from '../runtime/operator.js';

/** Keeps the newest `capacity` results in memory for the console; not part of checkpoints. */
export class RecentResultsSink implements Operator {
  private readonly buffer: unknown[] = [];

  constructor(private readonly capacity: number) {}

  open(): void {}

  processElement(value: unknown): void {
    this.buffer.push(value);
    if (this.buffer.length > this.capacity)
      this.buffer.splice(0, this.buffer.length - this.capacity);
  }

  /** Newest first. */
  recent(limit: number): unknown[] {
    return this.buffer.slice(-limit).reverse();
  }

  processWatermark(): void {}
  snapshotState(): OperatorState {
    return {};
  }
  restoreState(): void {}
}
