import { MIN_WATERMARK } from '../../core/operator.js';

/** Event-time progress of one partition. */
export interface PartitionClock {
  /** Highest event time emitted from the partition; MIN_WATERMARK before its first record. */
  maxEventTime: number;
  /** Processing time of its last record (or of when it was assigned, before any). */
  lastRecordAt: number;
  /** Records fetched from it, not yet emitted: a partition with some is not quiet. */
  buffered: number;
}

/**
 * A source subtask's watermark from its partitions' (Flink's per-split watermarks): each
 * partition promises nothing older than its highest event time minus the out-of-orderness
 * bound; the subtask's watermark is the least promise among partitions that are not idle. A
 * partition is idle once it has had no record for `idleTimeoutMs` and has none waiting, so
 * one quiet partition does not hold event time back; its next record makes it count again.
 * With every partition idle, the watermark stays where it was.
 */
export class PartitionWatermarks {
  private last = MIN_WATERMARK;

  constructor(
    private readonly maxOutOfOrdernessMs: number,
    private readonly idleTimeoutMs: number | undefined,
  ) {}

  current(partitions: Iterable<PartitionClock>, now: number): number {
    let least = Number.POSITIVE_INFINITY;
    for (const p of partitions) {
      const idle =
        this.idleTimeoutMs !== undefined &&
        p.buffered === 0 &&
        now - p.lastRecordAt >= this.idleTimeoutMs;
      if (idle) continue;
      const promise =
        p.maxEventTime === MIN_WATERMARK
          ? MIN_WATERMARK
          : p.maxEventTime - this.maxOutOfOrdernessMs - 1;
      least = Math.min(least, promise);
    }
    if (least !== Number.POSITIVE_INFINITY) this.last = Math.max(this.last, least);
    return this.last;
  }
}
