import type { DedupeConfig } from '@weir/contract';
import type {
  ChangedOperatorState,
  Operator,
  OperatorContext,
  OperatorState,
} from '../core/operator.js';
import { ChangedKeyGroups } from '../state/changed-key-groups.js';
import { byKeyGroup } from '../state/keyed-state.js';
import { KeyedRecord } from './record-fields.js';
import { TimerHeap } from './timer-heap.js';

/** The first record of a key was seen; repeats before `expiresAt` are dropped. */
interface Seen {
  expiresAt: number;
  keyGroup: number;
}

/** One key group's entries as checkpoint JSON, column by column. */
interface SeenColumns {
  key: string[];
  expiresAt: number[];
}

/**
 * Passes the first record of each key and drops repeats within `ttlMs` of it, in event time
 * (a record's time field; entries expire as the watermark passes) or processing time (the
 * clock; entries expire on a timer). Expired entries leave the state, so memory is bounded by
 * the keys seen within one TTL.
 */
export class DedupeOperator implements Operator {
  private ctx!: OperatorContext;
  private readonly seen = new Map<string, Seen>();
  private readonly reader = new KeyedRecord();
  /** Keys by expiry; an entry is stale when the key's `expiresAt` moved on since. */
  private readonly expiries = new TimerHeap<string>();
  /** When the processing-time timer is due, or NaN when none is pending. */
  private timerDue = Number.NaN;
  /** Every key remembered anew or forgotten marks its key group here. */
  private changed!: ChangedKeyGroups;
  dropped = 0;

  constructor(private readonly config: DedupeConfig) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    this.changed = new ChangedKeyGroups(ctx.maxParallelism);
    this.ensureTimer();
  }

  processElement(value: unknown, _input: number, key: string | undefined, keyGroup: number): void {
    const { reader, config } = this;
    if (!reader.read(this.ctx, value, key, keyGroup, config.keyField, config.timeField)) return;
    const entry = this.seen.get(reader.key);
    if (entry !== undefined && reader.time < entry.expiresAt) {
      this.dropped += 1;
      return;
    }
    this.remember(reader.key, reader.keyGroup, reader.time + config.ttlMs, entry);
    this.changed.mark(reader.keyGroup);
    this.ensureTimer();
    this.ctx.output.emit(value);
  }

  private remember(key: string, keyGroup: number, expiresAt: number, entry?: Seen): void {
    if (entry) entry.expiresAt = expiresAt;
    else this.seen.set(key, { expiresAt, keyGroup });
    this.expiries.push(expiresAt, key);
  }

  /** In processing time, one timer at the earliest expiry (not one per key) drives expiry. */
  private ensureTimer(): void {
    if (this.config.timeField !== undefined || this.expiries.size === 0) return;
    const due = this.expiries.peekTime();
    if (this.timerDue <= due) return;
    this.timerDue = due;
    this.ctx.registerProcessingTimer(due);
  }

  processWatermark(watermark: number): void {
    if (this.config.timeField !== undefined) this.expire(watermark);
  }

  onProcessingTime(now: number): void {
    if (this.config.timeField !== undefined) return;
    this.timerDue = Number.NaN;
    this.expire(now);
    this.ensureTimer();
  }

  private expire(upTo: number): void {
    const { expiries, seen } = this;
    while (expiries.size > 0 && expiries.peekTime() <= upTo) {
      const time = expiries.peekTime();
      const key = expiries.pop();
      const entry = seen.get(key);
      if (entry?.expiresAt !== time) continue;
      seen.delete(key);
      this.changed.mark(entry.keyGroup);
    }
  }

  /** Keys remembered now; bounded by the keys seen within one TTL. */
  get size(): number {
    return this.seen.size;
  }

  snapshotState(): OperatorState {
    return { keyed: this.snapshotGroups(() => true) };
  }

  snapshotChangedState(): ChangedOperatorState {
    return this.changed.snapshot((include) => this.snapshotGroups(include));
  }

  private snapshotGroups(include: (keyGroup: number) => boolean): Array<[number, SeenColumns]> {
    return byKeyGroup(
      this.seen,
      ([, seen]) => seen.keyGroup,
      (): SeenColumns => ({ key: [], expiresAt: [] }),
      (columns, [key, seen]) => {
        columns.key.push(key);
        columns.expiresAt.push(seen.expiresAt);
      },
      include,
    );
  }

  restoreState(state: OperatorState): void {
    for (const [keyGroup, columns] of state.keyed ?? []) {
      const { key, expiresAt } = columns as SeenColumns;
      key.forEach((k, i) => {
        this.remember(k, keyGroup, expiresAt[i] as number);
      });
    }
    // The runtime may restore before or after `open`; the timer needs the context.
    if (this.ctx) this.ensureTimer();
  }
}
