import type { RawJson } from '../../core/raw-json.js';
import type { AggregateInput } from './aggregates.js';
import { packedGroup } from './packed-windows.js';
import { WindowColumns } from './window-columns.js';
import { WindowOperator, type WindowOptions } from './window-operator.js';
import type { WindowCell, WindowSlot } from './window-slot.js';

/** Window start for `timestamp` on a grid of `stepMs`, correct for negative timestamps too. */
export const windowStartOf = (timestamp: number, stepMs: number) =>
  timestamp - (((timestamp % stepMs) + stepMs) % stepMs);

/** All keys' slots of one window; windows are aligned, so there are few of these at a time. */
interface Bucket {
  start: number;
  end: number;
  /** Where the slots live: columns per key group, each group's in the order they came. */
  groups: Map<number, WindowColumns>;
  /** The fire timer ran; what remains is the lateness period. */
  fired: boolean;
  timer: number;
}

/**
 * Tumbling (slide = size) and sliding windows. Buckets are indexed by start for the record
 * path and by timer in the heap, so a watermark touches only the windows it completes.
 */
export class AlignedWindowOperator extends WindowOperator<Bucket> {
  private readonly buckets = new Map<number, Bucket>();
  /**
   * The slide step the last record's time fell in: most records fall in the same one, and
   * `windowStartOf` on millisecond timestamps (beyond 32 bits) costs two float modulos.
   */
  private stepStart = Number.NaN;
  /** The bucket starting at `stepStart`, once looked up: saves a map lookup per record. */
  private stepBucket: Bucket | undefined = undefined;

  constructor(
    options: WindowOptions,
    private readonly sizeMs: number,
    private readonly slideMs: number,
  ) {
    super(options);
  }

  protected assign(time: number, key: string, keyGroup: number, input: AggregateInput): boolean {
    const { sizeMs, slideMs } = this;
    let accepted = false;
    if (!(time >= this.stepStart && time < this.stepStart + slideMs)) {
      this.stepStart = windowStartOf(time, slideMs);
      this.stepBucket = undefined;
    }
    for (let start = this.stepStart; start > time - sizeMs; start -= slideMs) {
      const first = start === this.stepStart;
      let bucket = first ? this.stepBucket : undefined;
      bucket ??= this.buckets.get(start);
      if (bucket === undefined) {
        if (this.isLate(start + sizeMs)) continue;
        bucket = this.createBucket(start);
      }
      if (first) this.stepBucket = bucket;
      accepted = true;
      const slot = this.slotOf(bucket, key, keyGroup);
      this.options.aggregate.add(slot, input);
      this.updated(slot);
    }
    return accepted;
  }

  private createBucket(start: number): Bucket {
    const end = start + this.sizeMs;
    // A window first seen within its lateness has nothing left to fire on the watermark.
    const fired = end - 1 <= this.watermark;
    const bucket: Bucket = {
      start,
      end,
      groups: new Map(),
      fired,
      timer: Number.NaN,
    };
    this.buckets.set(start, bucket);
    this.schedule(bucket, fired ? this.cleanupTime(end) : end - 1);
    return bucket;
  }

  protected onTimer(bucket: Bucket): void {
    if (!bucket.fired) {
      bucket.fired = true;
      for (const group of bucket.groups.values()) {
        for (let i = 0; i < group.slots; i++) if (!group.firedAt(i)) this.emit(group.cell(i));
      }
      const cleanup = this.cleanupTime(bucket.end);
      if (cleanup > this.watermark) {
        this.schedule(bucket, cleanup);
        return;
      }
    }
    for (const keyGroup of bucket.groups.keys()) this.changed.mark(keyGroup);
    this.buckets.delete(bucket.start);
    if (bucket === this.stepBucket) this.stepBucket = undefined;
  }

  /** The slot of `key` in `bucket`, added empty if it has none. */
  private slotOf(bucket: Bucket, key: string, keyGroup: number): WindowCell {
    let group = bucket.groups.get(keyGroup);
    if (group === undefined) {
      group = new WindowColumns(keyGroup, bucket.start, bucket.end);
      bucket.groups.set(keyGroup, group);
    }
    return group.cell(group.slotOf(key));
  }

  protected snapshotGroups(include: (keyGroup: number) => boolean): Array<[number, RawJson]> {
    const byGroup = new Map<number, WindowColumns[] | null>();
    for (const bucket of this.buckets.values()) {
      for (const [keyGroup, columns] of bucket.groups) {
        let windows = byGroup.get(keyGroup);
        if (windows === undefined) {
          windows = include(keyGroup) ? [] : null;
          byGroup.set(keyGroup, windows);
        }
        windows?.push(columns);
      }
    }
    const entries: Array<[number, RawJson]> = [];
    for (const [keyGroup, windows] of byGroup)
      if (windows !== null) entries.push([keyGroup, packedGroup(windows)]);
    return entries.sort((a, b) => a[0] - b[0]);
  }

  protected restoreSlot(restored: WindowSlot): void {
    const bucket = this.buckets.get(restored.start) ?? this.createBucket(restored.start);
    const slot = this.slotOf(bucket, restored.key, restored.keyGroup);
    slot.count = restored.count;
    slot.acc = restored.acc;
    slot.fired = restored.fired;
    if (restored.distinct) slot.distinct = restored.distinct;
  }
}
