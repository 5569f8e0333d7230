import type { IntervalJoinConfig } from '@weir/contract';
import {
  type ChangedOperatorState,
  MIN_WATERMARK,
  type Operator,
  type OperatorContext,
  type OperatorState,
} from '../core/operator.js';
import { ChangedKeyGroups } from '../state/changed-key-groups.js';
import { byKeyGroup } from '../state/keyed-state.js';
import { KeyedRecord } from './record-fields.js';
import { TimerHeap } from './timer-heap.js';
import { LATE_OUTPUT } from './windows/window-operator.js';

/** A buffered record and its event time: [time, record]. */
type Buffered = [number, unknown];

/** One key's buffered records of each side. */
interface KeyBuffers {
  key: string;
  keyGroup: number;
  left: Buffered[];
  right: Buffered[];
}

export interface JoinedRecord {
  key: string;
  /** The later of the two event times, as Flink stamps interval-join results. */
  ts: number;
  left: unknown;
  right: unknown;
}

/**
 * Keyed interval join of input 0 (left) and input 1 (right), as Flink's: emits a pair when
 * left.time + lowerBoundMs <= right.time <= left.time + upperBoundMs. Each side buffers its
 * records until the watermark shows no future record of the other side can match them;
 * records older than the watermark go to the "late" side output.
 */
export class IntervalJoinOperator implements Operator {
  private ctx!: OperatorContext;
  private readonly buffers = new Map<string, KeyBuffers>();
  private readonly reader = new KeyedRecord();
  /** Keys by the earliest time one of their buffered records can be dropped. */
  private readonly cleanups = new TimerHeap<KeyBuffers>();
  private watermark = MIN_WATERMARK;
  /** Every record buffered or dropped from a buffer marks its key group here. */
  private changed!: ChangedKeyGroups;

  constructor(private readonly config: IntervalJoinConfig) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    this.changed = new ChangedKeyGroups(ctx.maxParallelism);
  }

  processElement(
    value: unknown,
    input: number,
    edgeKey: string | undefined,
    keyGroup: number,
  ): void {
    const isLeft = input === 0;
    const { config, reader } = this;
    const keyField = isLeft ? config.leftKeyField : config.rightKeyField;
    const timeField = isLeft ? config.leftTimeField : config.rightTimeField;
    if (!reader.read(this.ctx, value, edgeKey, keyGroup, keyField, timeField)) return;
    const { time, key } = reader;
    if (time < this.watermark) {
      this.ctx.sideOutput(LATE_OUTPUT, value);
      return;
    }
    const buffers = this.buffersOf(key, reader.keyGroup);
    const { lowerBoundMs: lower, upperBoundMs: upper } = config;
    if (isLeft) {
      for (const [rightTime, right] of buffers.right) {
        if (rightTime >= time + lower && rightTime <= time + upper)
          this.emit(key, time, value, rightTime, right);
      }
    } else {
      for (const [leftTime, left] of buffers.left) {
        if (time >= leftTime + lower && time <= leftTime + upper)
          this.emit(key, leftTime, left, time, value);
      }
    }
    this.buffer(buffers, isLeft, time, value);
    this.changed.mark(buffers.keyGroup);
  }

  private buffersOf(key: string, keyGroup: number): KeyBuffers {
    let buffers = this.buffers.get(key);
    if (buffers === undefined) {
      buffers = { key, keyGroup, left: [], right: [] };
      this.buffers.set(key, buffers);
    }
    return buffers;
  }

  private buffer(buffers: KeyBuffers, isLeft: boolean, time: number, record: unknown): void {
    (isLeft ? buffers.left : buffers.right).push([time, record]);
    this.cleanups.push(this.expiryOf(isLeft, time), buffers);
  }

  /**
   * Once the watermark reaches this, no future record of the other side (none is older than
   * the watermark) can match: a left record matches rights up to its time + upper, a right
   * record lefts up to its time - lower.
   */
  private expiryOf(isLeft: boolean, time: number): number {
    return (isLeft ? time + this.config.upperBoundMs : time - this.config.lowerBoundMs) + 1;
  }

  private emit(key: string, leftTime: number, left: unknown, rightTime: number, right: unknown) {
    const joined: JoinedRecord = { key, ts: Math.max(leftTime, rightTime), left, right };
    this.ctx.output.emit(joined);
  }

  processWatermark(watermark: number): void {
    this.watermark = watermark;
    const { cleanups } = this;
    while (cleanups.size > 0 && cleanups.peekTime() <= watermark) {
      const buffers = cleanups.pop();
      if (this.buffers.get(buffers.key) !== buffers) continue;
      this.changed.mark(buffers.keyGroup);
      buffers.left = buffers.left.filter(([t]) => this.expiryOf(true, t) > watermark);
      buffers.right = buffers.right.filter(([t]) => this.expiryOf(false, t) > watermark);
      if (buffers.left.length === 0 && buffers.right.length === 0) this.buffers.delete(buffers.key);
    }
  }

  snapshotState(): OperatorState {
    return { keyed: this.snapshotGroups(() => true) };
  }

  snapshotChangedState(): ChangedOperatorState {
    return this.changed.snapshot((include) => this.snapshotGroups(include));
  }

  private snapshotGroups(include: (keyGroup: number) => boolean) {
    const copy = (buffered: Buffered[]) => buffered.map(([t, r]): Buffered => [t, r]);
    return byKeyGroup(
      this.buffers.values(),
      (b) => b.keyGroup,
      (): Array<[string, Buffered[], Buffered[]]> => [],
      (group, b) => {
        group.push([b.key, copy(b.left), copy(b.right)]);
      },
      include,
    );
  }

  restoreState(state: OperatorState): void {
    for (const [keyGroup, entries] of state.keyed ?? []) {
      for (const [key, left, right] of entries as Array<[string, Buffered[], Buffered[]]>) {
        const buffers = this.buffersOf(key, keyGroup);
        for (const [time, record] of left) this.buffer(buffers, true, time, record);
        for (const [time, record] of right) this.buffer(buffers, false, time, record);
      }
    }
  }
}
