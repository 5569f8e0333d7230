import type { AggregateInput } from './aggregates.js';
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
        bucket.slots.set(key, slot);
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
    const bucket: Bucket = { start, end, slots: new Map(), fired, timer: Number.NaN };
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
    for (const slot of bucket.slots.values()) this.changed.mark(slot.keyGroup);
    this.buckets.delete(bucket.start);
  }

  protected slots(): WindowSlot[] {
    const all: WindowSlot[] = [];
    for (const bucket of this.buckets.values())
      for (const slot of bucket.slots.values()) all.push(slot);
    return all;
  }

  protected restoreSlot(slot: WindowSlot): void {
    const bucket = this.buckets.get(slot.start) ?? this.createBucket(slot.start);
    bucket.slots.set(slot.key, slot);
  }
}
