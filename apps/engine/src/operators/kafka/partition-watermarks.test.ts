import { describe, expect, it } from 'vitest';
import { MIN_WATERMARK } from '../../core/operator.js';
import { type PartitionClock, PartitionWatermarks } from './partition-watermarks.js';

const clock = (maxEventTime: number, lastRecordAt: number, buffered = 0): PartitionClock => ({
  maxEventTime,
  lastRecordAt,
  buffered,
});

describe('PartitionWatermarks', () => {
  it('is the least promise of the partitions, each its highest event time less the bound', () => {
    const watermarks = new PartitionWatermarks(100, undefined);
    expect(watermarks.current([clock(5_000, 0), clock(3_000, 0)], 0)).toBe(3_000 - 100 - 1);
  });

  it('waits for a partition without records until it is idle, never for one with records waiting', () => {
    const watermarks = new PartitionWatermarks(0, 1_000);
    const quiet = clock(MIN_WATERMARK, 0);
    expect(watermarks.current([clock(5_000, 900), quiet], 999)).toBe(MIN_WATERMARK);
    expect(watermarks.current([clock(5_000, 900), quiet], 1_000)).toBe(4_999);
    // Fetched but not emitted yet: not idle, however long ago its last record was.
    expect(watermarks.current([clock(9_000, 900), clock(6_000, 0, 3)], 5_000)).toBe(5_999);
  });

  it('stays where it was while every partition is idle, and never goes back', () => {
    const watermarks = new PartitionWatermarks(0, 1_000);
    expect(watermarks.current([clock(5_000, 0)], 500)).toBe(4_999);
    expect(watermarks.current([clock(5_000, 0)], 2_000)).toBe(4_999);
    expect(watermarks.current([clock(2_000, 1_900)], 2_000)).toBe(4_999);
  });
});
