import type { DatagenConfig } from '@weir/shared';
import {
  type ClickGeneratorOptions,
  clickLineAt,
  nominalTimeAt,
} from '../connectors/datagen/click-generator.js';
import {
  MAX_WATERMARK,
  MIN_WATERMARK,
  type OperatorContext,
  type OperatorState,
  type PollResult,
  type SourceOperator,
} from '../runtime/operator.js';

interface DatagenState {
  offset: number;
  startTime: number;
}

/**
 * Emits generated click lines paced to `ratePerSecond` of wall-clock time. Its offset and the
 * event time of record 0 are its state, so a restored run continues the same sequence.
 */
export class DatagenSource implements SourceOperator {
  private ctx!: OperatorContext;
  private offset = 0;
  private startTime: number;
  /** Wall-clock time at which `pacedFrom` records had been emitted; pacing restarts on restore. */
  private pacingOrigin: { wallMs: number; offset: number } | null = null;

  constructor(
    private readonly config: DatagenConfig,
    now: () => number,
  ) {
    this.startTime = config.startTime ?? now();
  }

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
  }

  private get options(): ClickGeneratorOptions {
    return { ...this.config, startTime: this.startTime };
  }

  poll(max: number, nowMs: number): PollResult {
    const limit = this.config.count ?? Number.POSITIVE_INFINITY;
    if (this.offset >= limit) return { emitted: 0, finished: true, nextDueInMs: 0 };
    this.pacingOrigin ??= { wallMs: nowMs, offset: this.offset };
    let due = limit - this.offset;
    if (this.config.throttle) {
      const elapsed = nowMs - this.pacingOrigin.wallMs;
      due = Math.min(
        due,
        this.pacingOrigin.offset +
          Math.floor((elapsed * this.config.ratePerSecond) / 1000) -
          this.offset,
      );
    }
    const batch = Math.max(0, Math.min(max, due));
    const options = this.options;
    for (let i = 0; i < batch; i++) this.ctx.output.emit(clickLineAt(options, this.offset + i));
    this.offset += batch;
    return {
      emitted: batch,
      finished: this.offset >= limit,
      nextDueInMs: batch > 0 ? 0 : Math.ceil(1000 / this.config.ratePerSecond),
    };
  }

  currentWatermark(): number {
    const limit = this.config.count ?? Number.POSITIVE_INFINITY;
    if (this.offset >= limit) return MAX_WATERMARK;
    if (this.offset === 0) return MIN_WATERMARK;
    // Every later record is at least nominal(offset) - maxOutOfOrderness.
    return nominalTimeAt(this.options, this.offset) - this.config.maxOutOfOrdernessMs - 1;
  }

  positions(): Record<string, number> {
    return { '0': this.offset };
  }

  processElement(): void {
    throw new Error('a source has no input');
  }

  processWatermark(): void {}

  snapshotState(): OperatorState {
    return {
      operator: [{ offset: this.offset, startTime: this.startTime } satisfies DatagenState],
    };
  }

  restoreState(state: OperatorState): void {
    const restored = state.operator?.[0] as DatagenState;
    this.offset = restored.offset;
    this.startTime = restored.startTime;
    this.pacingOrigin = null;
  }
}
