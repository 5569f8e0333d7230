import { SubtaskMetricsSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { MetricValuesSchema } from './flink-schemas.js';
import {
  hasClock,
  metricQueries,
  readingOrder,
  subtaskMetrics,
  subtaskReadings,
} from './subtask-metrics.js';

// Readings of the example job's vertices (parallelism 2) captured twice on a real Flink 2.3.0
// (fixtures/README.md). The source's first reading was 59 s old when read, the second fresh.
const readings = (name: string) => subtaskReadings(MetricValuesSchema.parse(flinkFixture(name)), 2);

describe('metricQueries', () => {
  it('asks every metric of every subtask, in one call for a small vertex', () => {
    const [query, ...more] = metricQueries(2);
    expect(more).toEqual([]);
    const ids = query?.split(',') ?? [];
    expect(ids).toHaveLength(26);
    expect(ids).toContain('0.numRecordsIn');
    expect(ids).toContain('1.Shuffle.Netty.Output.Buffers.outPoolUsage');
  });

  it('splits a wide vertex into calls short enough for the REST server', () => {
    const queries = metricQueries(100);
    expect(queries.length).toBeGreaterThan(1);
    for (const query of queries) expect(query.length).toBeLessThanOrEqual(3_000);
    expect(queries.flatMap((query) => query.split(','))).toHaveLength(1300);
  });
});

describe('subtaskReadings', () => {
  it("reads each subtask's numbers; a source has no input watermark", () => {
    const [window] = readings('vertex-metrics-window-1');
    expect(window).toMatchObject({
      recordsIn: 145287,
      recordsOut: 0,
      busyMs: 2704,
      idleMs: 139768,
      backpressuredMs: 0,
      recordsInPerSecond: 1024.4666666666667,
      watermark: 1796509844407,
      inPoolUsage: 0,
    });
    const [source] = readings('vertex-metrics-source-1');
    expect(source?.watermark).toBeUndefined();
    expect(source?.outPoolUsage).toBeCloseTo(0.1667);
  });

  it("drops Flink's no-watermark value, values that are not numbers, and unknown subtasks", () => {
    const [reading, second] = subtaskReadings(
      [
        { id: '0.currentInputWatermark', value: '-9223372036854775808' },
        { id: '0.busyTimeMsPerSecond', value: 'NaN' },
        { id: '0.numRecordsIn', value: '' },
        { id: '0.somethingElse', value: '1' },
        { id: '7.numRecordsIn', value: '5' },
        { id: '1.numRecordsOut', value: '3' },
      ],
      2,
    );
    expect(reading).toEqual({});
    expect(second).toEqual({ recordsOut: 3 });
    expect(hasClock(second ?? {})).toBe(false);
  });
});

describe('readingOrder', () => {
  const [first] = readings('vertex-metrics-window-1');
  const [later] = readings('vertex-metrics-window-2');
  if (!first || !later) throw new Error('fixtures have no subtask 0');

  it('tells a refreshed reading from the same one and from a restarted subtask', () => {
    expect(readingOrder(first, later)).toBe('later');
    expect(readingOrder(later, { ...later })).toBe('same');
    expect(readingOrder(later, first)).toBe('restarted');
    expect(readingOrder(later, { ...later, idleMs: 100_000_000, recordsIn: 10 })).toBe('restarted');
  });
});

describe('subtaskMetrics', () => {
  it('takes rates and ratios from counter deltas over two readings', () => {
    const [before] = readings('vertex-metrics-window-1');
    const [after] = readings('vertex-metrics-window-2');
    if (!before || !after) throw new Error('fixtures have no subtask 0');
    const metrics = subtaskMetrics(0, after, before, true);
    expect(SubtaskMetricsSchema.parse(metrics)).toEqual(metrics);
    // 12203 records over 12054 ms of the subtask's busy + backpressured + idle time.
    expect(metrics.recordsInPerSecond).toBeCloseTo((12203 * 1000) / 12054, 6);
    expect(metrics.busyRatio).toBeCloseTo(130 / 12054, 6);
    expect(metrics.idleRatio).toBeCloseTo(11924 / 12054, 6);
    expect(metrics).toMatchObject({
      subtaskIndex: 0,
      recordsInTotal: 157490,
      recordsOutPerSecond: 0,
      backpressuredRatio: 0,
      watermark: 1796509850385,
      deadLetters: 0,
    });
  });

  it("times the interval by the subtask's clock, not by when Flink's values were read", () => {
    // The two readings were taken 12 s apart, but Flink had not refreshed the first for 59 s:
    // 58863 records in 58860 ms of subtask time is the 1000/s the job is throttled to.
    const [before] = readings('vertex-metrics-source-1');
    const [after] = readings('vertex-metrics-source-2');
    if (!before || !after) throw new Error('fixtures have no subtask 0');
    expect(subtaskMetrics(0, after, before, true).recordsOutPerSecond).toBeCloseTo(1000, 0);
  });

  it("uses Flink's own per-second values without a previous reading", () => {
    const [first] = readings('vertex-metrics-window-1');
    if (!first) throw new Error('fixture has no subtask 0');
    expect(subtaskMetrics(0, first, undefined, true)).toMatchObject({
      recordsInPerSecond: 1024.4666666666667,
      busyRatio: 0.025,
      idleRatio: 0.975,
      backpressuredRatio: 0,
    });
  });

  it('gives a subtask that does not run, or reported nothing, no rates', () => {
    const [before] = readings('vertex-metrics-window-1');
    const [after] = readings('vertex-metrics-window-2');
    if (!before || !after) throw new Error('fixtures have no subtask 0');
    expect(subtaskMetrics(0, after, before, false)).toMatchObject({
      recordsInTotal: 157490,
      recordsInPerSecond: 0,
      busyRatio: 0,
    });
    expect(subtaskMetrics(1, {}, undefined, true)).toEqual({
      subtaskIndex: 1,
      recordsInTotal: 0,
      recordsOutTotal: 0,
      recordsInPerSecond: 0,
      recordsOutPerSecond: 0,
      busyRatio: 0,
      backpressuredRatio: 0,
      idleRatio: 0,
      watermark: null,
      inputQueueFill: 0,
      outputQueueFill: 0,
      deadLetters: 0,
    });
  });
});
