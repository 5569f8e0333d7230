import type { Operator, OperatorState } from '../runtime/operator.js';

/** Discards everything; the runtime's records-in counter is the point (benchmarks, tests). */
export class BlackholeSink implements Operator {
  open(): void {}
  processElement(): void {}
  processWatermark(): void {}
  snapshotState(): OperatorState {
    return {};
  }
  restoreState(): void {}
}
