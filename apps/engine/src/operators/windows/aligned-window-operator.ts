import type { RawJson } from '../../checkpoint/raw-json.js';
import type { AggregateInput } from './aggregates.js';
import { packedGroup, WindowGroupSlots } from './packed-windows.js';
import { WindowOperator, type WindowOptions } from './window-operator.js';
import { WindowSlot } from './window-slot.js';

/** Window start for `timestamp` on a grid of `stepMs`, correct for negative timestamps too. */
export const windowStartOf = (timestamp: number, stepMs: number) =>
  timestamp - (((timestamp % stepMs) + stepMs) % stepMs);

/** All keys' slots of one window; windows are aligned, so there are few of these at a time. */
interface Bucket {
  start: number;
  end: number;
  slots: Map<string, WindowSlot>;
  /** The same slots by key group, each group's in the order they came: what snapshots walk. */
  groups: Map<number, WindowGroupSlots>;
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
    for (let start = windowStartOf(time, slideMs); start > time - sizeMs; start -= slideMs) {
      let bucket = this.buckets.get(start);
      if (bucket === undefined) {
        if (this.isLate(start + sizeMs)) continue;
        bucket = this.createBucket(start);
      }
      accepted = true;
      let slot = bucket.slots.get(key);
      if (slot === undefined) {
        slot = new WindowSlot(key, keyGroup, start, bucket.end);
        this.addSlot(bucket, slot);
      }
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
      slots: new Map(),
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
      for (const slot of bucket.slots.values()) if (!slot.fired) this.emit(slot);
      const cleanup = this.cleanupTime(bucket.end);
      if (cleanup > this.watermark) {
        this.schedule(bucket, cleanup);
        return;
      }
    }
    for (const keyGroup of bucket.groups.keys()) this.changed.mark(keyGroup);
    this.buckets.delete(bucket.start);
  }

  private addSlot(bucket: Bucket, slot: WindowSlot): void {
    bucket.slots.set(slot.key, slot);
    let group = bucket.groups.get(slot.keyGroup);
    if (group === undefined) {
      group = new WindowGroupSlots(bucket.start, bucket.end);
      bucket.groups.set(slot.keyGroup, group);
    }
    group.slots.push(slot);
  }

  protected snapshotGroups(include: (keyGroup: number) => boolean): Array<[number, RawJson]> {
    const byGroup = new Map<number, WindowGroupSlots[] | null>();
    for (const bucket of this.buckets.values()) {
      for (const [keyGroup, windowSlots] of bucket.groups) {
        let windows = byGroup.get(keyGroup);
        if (windows === undefined) {
          windows = include(keyGroup) ? [] : null;
          byGroup.set(keyGroup, windows);
        }
        windows?.push(windowSlots);
      }
    }
    const entries: Array<[number, RawJson]> = [];
    for (const [keyGroup, windows] of byGroup)
      if (windows !== null) entries.push([keyGroup, packedGroup(windows)]);
    return entries.sort((a, b) => a[0] - b[0]);
  }

  protected restoreSlot(slot: WindowSlot): void {
    this.addSlot(this.buckets.get(slot.start) ?? this.createBucket(slot.start), slot);
  }
}
