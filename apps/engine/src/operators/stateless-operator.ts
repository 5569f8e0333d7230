import type { Operator, OperatorContext, OperatorState } from '../core/operator.js';

/** Base for record-at-a-time operators that keep no state and ignore event time. */
export abstract class StatelessOperator implements Operator {
  protected ctx!: OperatorContext;

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
  }

  abstract processElement(
    value: unknown,
    input: number,
    key: string | undefined,
    keyGroup: number,
  ): void;

  processWatermark(): void {}

  snapshotState(): OperatorState {
    return {};
  }

  restoreState(): void {}
}
