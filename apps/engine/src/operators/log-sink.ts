import type { Operator, OperatorContext, OperatorState } from '../core/operator.js';

export interface LogSinkConfig {
  level: 'debug' | 'info' | 'warn';
  maxPerSecond: number;
}

/**
 * Logs each record as structured JSON, at most `maxPerSecond` a second so a fast stream cannot
 * flood the log; what it skips is counted and reported once the second is over.
 */
export class LogSink implements Operator {
  private ctx!: OperatorContext;
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private logged = 0;
  private suppressed = 0;

  constructor(private readonly config: LogSinkConfig) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
  }

  processElement(value: unknown): void {
    const now = this.ctx.now();
    if (now - this.windowStartMs >= 1000) {
      this.reportSuppressed();
      this.windowStartMs = now;
      this.logged = 0;
    }
    if (this.logged < this.config.maxPerSecond) {
      this.logged += 1;
      this.ctx.logger[this.config.level]({ record: value }, 'record');
    } else {
      this.suppressed += 1;
    }
  }

  private reportSuppressed(): void {
    if (this.suppressed === 0) return;
    this.ctx.logger[this.config.level](
      { suppressed: this.suppressed },
      'records not logged (rate limit)',
    );
    this.suppressed = 0;
  }

  endInput(): void {
    this.reportSuppressed();
  }

  processWatermark(): void {}

  snapshotState(): OperatorState {
    return {};
  }

  restoreState(): void {}
}
