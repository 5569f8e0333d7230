import type { WindowResult } from '@weir/shared';
import type { Operator, OperatorContext, OperatorState } from '../runtime/operator.js';

interface TumblingCountState {
  /** [windowStart, [[key, count], ...]] */
  windows: Array<[number, Array<[string, number]>]>;
  watermark: number;
  droppedLate: number;
}

/** Window start for `timestamp`, correct for negative timestamps too. */
export const windowStartOf = (timestamp: number, sizeMs: number) =>
  timestamp - (((timestamp % sizeMs) + sizeMs) % sizeMs);

/**
 * Keyed tumbling event-time window that counts records per key. A window [start, end) fires
 * once the watermark reaches end - 1; records for windows already fired are late and dropped
 * (counted), since the skeleton has no allowed lateness yet.
 */
export class TumblingCount implements Operator {
  private ctx!: OperatorContext;
  private windows = new Map<number, Map<string, number>>();
  private watermark = Number.MIN_SAFE_INTEGER;
  private droppedLate = 0;

  constructor(
    private readonly keyField: string,
    private readonly timeField: string,
    private readonly sizeMs: number,
  ) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
  }

  processElement(
    value: unknown,
    _input: number,
    _key: string | undefined,
    _keyGroup: number,
  ): void {
    const record = value as Record<string, unknown>;
    const timestamp = record[this.timeField];
    const key = record[this.keyField];
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      this.ctx.deadLetter(value, `field "${this.timeField}" is not a number`);
      return;
    }
    if (key === undefined || key === null) {
      this.ctx.deadLetter(value, `field "${this.keyField}" is missing`);
      return;
    }
    const start = windowStartOf(timestamp, this.sizeMs);
    if (start + this.sizeMs - 1 <= this.watermark) {
      this.droppedLate += 1;
      return;
    }
    let counts = this.windows.get(start);
    if (!counts) {
      counts = new Map();
      this.windows.set(start, counts);
    }
    const k = String(key);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }

  processWatermark(watermark: number): void {
    this.watermark = watermark;
    const ready = [...this.windows.keys()]
      .filter((start) => start + this.sizeMs - 1 <= watermark)
      .sort((a, b) => a - b);
    for (const start of ready) {
      const counts = this.windows.get(start);
      this.windows.delete(start);
      if (!counts) continue;
      for (const [key, count] of counts) {
        const result: WindowResult = {
          key,
          windowStart: start,
          windowEnd: start + this.sizeMs,
          count,
        };
        this.ctx.output.emit(result);
      }
    }
  }

  get lateRecordsDropped(): number {
    return this.droppedLate;
  }

  snapshotState(): OperatorState {
    const state: TumblingCountState = {
      windows: [...this.windows].map(([start, counts]) => [start, [...counts]]),
      watermark: this.watermark,
      droppedLate: this.droppedLate,
    };
    return { operator: [state] };
  }

  restoreState(state: OperatorState): void {
    const restored = state.operator?.[0] as TumblingCountState;
    this.windows = new Map(restored.windows.map(([start, counts]) => [start, new Map(counts)]));
    this.watermark = restored.watermark;
    this.droppedLate = restored.droppedLate;
  }
}
