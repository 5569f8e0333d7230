import {
  type ChangedOperatorState,
  MIN_WATERMARK,
  type Operator,
  type OperatorContext,
  type OperatorState,
} from '../../core/operator.js';
import { parsedValue } from '../../core/raw-json.js';
import { ChangedKeyGroups } from '../../state/changed-key-groups.js';
import { KeyedRecord } from '../record-fields.js';
import { TimerHeap } from '../timer-heap.js';
import type { Aggregate, AggregateInput } from './aggregates.js';
import { slotsOfGroup } from './packed-windows.js';
import type { WindowCell, WindowSlot } from './window-slot.js';

export interface WindowOptions {
  keyField: string | undefined;
  timeField: string;
  aggregate: Aggregate;
  allowedLatenessMs: number;
  /** The skeleton's count results carry no `value`; keep that shape for `tumbling-count`. */
  includeValue: boolean;
}

/** Tag of the side output that receives records too late for any window. */
export const LATE_OUTPUT = 'late';

/** An emitted window result; `value` is the aggregate, `count` the records it covers. */
export interface WindowResultRecord {
  key: string;
  windowStart: number;
  windowEnd: number;
  value?: number;
  count: number;
}

/**
 * Keyed event-time windows, as Flink has them: a window [start, end) fires once the watermark
 * reaches end - 1 and keeps its state `allowedLatenessMs` longer; a record for a fired window
 * within that time updates it and re-emits the result at once; a record whose every window is
 * past it goes to the "late" side output. Subclasses assign records to windows; this class
 * owns record validation, firing and the timer index.
 */
export abstract class WindowOperator<T extends { timer: number }> implements Operator {
  protected ctx!: OperatorContext;
  protected watermark = MIN_WATERMARK;
  protected readonly timers = new TimerHeap<T>();
  private readonly reader = new KeyedRecord();
  /** Every change to a slot (added, updated, fired, removed) marks its key group here. */
  protected changed!: ChangedKeyGroups;

  constructor(protected readonly options: WindowOptions) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    this.changed = new ChangedKeyGroups(ctx.maxParallelism);
  }

  processElement(value: unknown, _input: number, key: string | undefined, keyGroup: number): void {
    const { reader } = this;
    const { keyField, timeField, aggregate } = this.options;
    if (!reader.read(this.ctx, value, key, keyGroup, keyField, timeField)) return;
    const input = aggregate.read(reader.record);
    if (input === undefined) {
      this.ctx.deadLetter(value, aggregate.invalidReason(reader.record));
      return;
    }
    if (!this.assign(reader.time, reader.key, reader.keyGroup, input))
      this.ctx.sideOutput(LATE_OUTPUT, value);
  }

  /** Adds the record to each of its windows that is not past lateness; false if none was. */
  protected abstract assign(
    time: number,
    key: string,
    keyGroup: number,
    input: AggregateInput,
  ): boolean;

  /** A timer of `item` came due (its time is `item.timer`): fire or purge. */
  protected abstract onTimer(item: T): void;

  /**
   * The state of every key group holding slots, in key-group order, leaving out the groups
   * `include` (asked once per group) says no to.
   */
  protected abstract snapshotGroups(
    include: (keyGroup: number) => boolean,
  ): Array<[keyGroup: number, state: unknown]>;

  protected abstract restoreSlot(slot: WindowSlot): void;

  processWatermark(watermark: number): void {
    this.watermark = watermark;
    const { timers } = this;
    while (timers.size > 0 && timers.peekTime() <= watermark) {
      const time = timers.peekTime();
      const item = timers.pop();
      if (item.timer === time) this.onTimer(item);
    }
  }

  protected schedule(item: T, time: number): void {
    if (item.timer === time) return;
    item.timer = time;
    this.timers.push(time, item);
  }

  /** Past this watermark the window can change no more and its state goes. */
  protected cleanupTime(end: number): number {
    return end - 1 + this.options.allowedLatenessMs;
  }

  protected isLate(end: number): boolean {
    return this.cleanupTime(end) <= this.watermark;
  }

  /** After an update: emit now if the window already fired (lateness), else on its timer. */
  protected updated(slot: WindowCell): void {
    this.changed.mark(slot.keyGroup);
    if (slot.end - 1 <= this.watermark) this.emit(slot);
    else slot.fired = false;
  }

  protected emit(slot: WindowCell): void {
    this.changed.mark(slot.keyGroup);
    slot.fired = true;
    const count = slot.count;
    const result: WindowResultRecord = this.options.includeValue
      ? {
          key: slot.key,
          windowStart: slot.start,
          windowEnd: slot.end,
          value: this.options.aggregate.result(slot),
          count,
        }
      : { key: slot.key, windowStart: slot.start, windowEnd: slot.end, count };
    this.ctx.output.emit(result);
  }

  snapshotState(): OperatorState {
    return { keyed: this.snapshotGroups(() => true) };
  }

  snapshotChangedState(): ChangedOperatorState {
    return this.changed.snapshot((include) => this.snapshotGroups(include));
  }

  restoreState(state: OperatorState): void {
    for (const [keyGroup, value] of state.keyed ?? []) {
      for (const slot of slotsOfGroup(parsedValue(value), keyGroup)) this.restoreSlot(slot);
    }
  }
}
