import type { DatagenConfig } from '@weir/contract';
import {
  type ClickGeneratorOptions,
  ClickLines,
  nominalTimeAt,
} from '../connectors/datagen/click-generator.js';
import {
  MAX_WATERMARK,
  type OperatorContext,
  type OperatorState,
  type PollResult,
  type SourceOperator,
} from '../core/operator.js';

/** One item of operator list state per split, so a rescale can deal splits out again. */
interface SplitState {
  split: number;
  /** Global index of the split's next record. */
  next: number;
  /** Event time of record 0, the same in every item; whichever subtask gets one knows it. */
  startTime: number;
}

/**
 * Emits generated click lines from its splits: split s yields records s, s + splits, ...,
 * so together the splits yield the single sequence `clickLineAt` defines. Subtask i owns the
 * splits with s % parallelism == i until a restore hands it others. Paced so that the whole
 * source emits `ratePerSecond`: a subtask emits the records of its splits that are due.
 */
export class DatagenSource implements SourceOperator {
  private ctx!: OperatorContext;
  private options: ClickGeneratorOptions;
  private lines: ClickLines;
  private readonly limit: number;
  private owned: Array<{ split: number; next: number }> = [];
  private restored = false;
  /** Wall-clock time at which record `index` was due; pacing restarts on restore. */
  private pacingOrigin: { wallMs: number; index: number } | null = null;

  constructor(
    private readonly config: DatagenConfig,
    now: () => number,
  ) {
    this.options = { ...config, startTime: config.startTime ?? now() };
    this.lines = new ClickLines(this.options);
    this.limit = config.count ?? Number.POSITIVE_INFINITY;
  }

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    if (this.restored) return;
    for (let split = ctx.subtaskIndex; split < this.config.splits; split += ctx.parallelism)
      this.owned.push({ split, next: split });
  }

  poll(max: number, nowMs: number): PollResult {
    const { owned, limit } = this;
    const step = this.config.splits;
    let active = 0;
    let lowest = Number.POSITIVE_INFINITY;
    for (const s of owned) {
      if (s.next < limit) {
        active += 1;
        lowest = Math.min(lowest, s.next);
      }
    }
    if (active === 0) return { emitted: 0, finished: true, nextDueInMs: 0 };
    this.pacingOrigin ??= { wallMs: nowMs, index: lowest };
    const elapsed = nowMs - this.pacingOrigin.wallMs;
    const rate = this.config.ratePerSecond;
    const due = this.config.throttle
      ? Math.min(limit, this.pacingOrigin.index + Math.floor((elapsed * rate) / 1000))
      : limit;
    // An equal share of the batch per split keeps the splits close in event time.
    const quota = Math.ceil(max / active);
    const { output } = this.ctx;
    let emitted = 0;
    for (const s of owned) {
      const stop = Math.min(due, s.next + quota * step);
      let next = s.next;
      for (; next < stop && emitted < max; next += step, emitted++)
        output.emit(this.lines.at(next));
      s.next = next;
    }
    const finished = owned.every((s) => s.next >= limit);
    const nextDueInMs =
      emitted > 0 || finished
        ? 0
        : Math.max(1, Math.ceil(((lowest - this.pacingOrigin.index + 1) * 1000) / rate - elapsed));
    return { emitted, finished, nextDueInMs };
  }

  /** Every later record of a split is at least nominal(next) - maxOutOfOrderness. */
  currentWatermark(): number {
    let watermark = MAX_WATERMARK;
    for (const s of this.owned) {
      if (s.next < this.limit)
        watermark = Math.min(
          watermark,
          nominalTimeAt(this.options, s.next) - this.config.maxOutOfOrdernessMs - 1,
        );
    }
    return watermark;
  }

  positions(): Record<string, number> {
    return Object.fromEntries(this.owned.map((s) => [String(s.split), s.next]));
  }

  processElement(): void {
    throw new Error('a source has no input');
  }

  processWatermark(): void {}

  snapshotState(): OperatorState {
    const { startTime } = this.options;
    return {
      operator: this.owned.map(({ split, next }) => ({ split, next, startTime }) as SplitState),
    };
  }

  /** Takes exactly the splits in `state` (none: this subtask has nothing left to read). */
  restoreState(state: OperatorState): void {
    if (state.operator === undefined) return;
    const items = state.operator as SplitState[];
    for (const { split } of items) {
      if (!(split >= 0 && split < this.config.splits))
        throw new Error(
          `datagen state holds split ${split}, but the source has ${this.config.splits} splits; ` +
            'changing "splits" needs a fresh start',
        );
    }
    this.restored = true;
    this.owned = items
      .map(({ split, next }) => ({ split, next }))
      .sort((a, b) => a.split - b.split);
    const first = items[0];
    if (first) {
      this.options = { ...this.options, startTime: first.startTime };
      this.lines = new ClickLines(this.options);
    }
    this.pacingOrigin = null;
  }
}
