import { VertexLoadHistorySchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import { MetricValuesSchema } from './flink-schemas.js';
import { LiveMetrics, LOAD_WINDOW_MS } from './live-metrics.js';
import { subtaskReadings } from './subtask-metrics.js';

const JOB = FIXTURE_IDS.job;
const WINDOW = FIXTURE_IDS.window;
const readings = (name: string) => subtaskReadings(MetricValuesSchema.parse(flinkFixture(name)), 2);

function live() {
  let now = 1_000_000;
  const metrics = new LiveMetrics(() => now);
  return {
    metrics,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('LiveMetrics', () => {
  it("starts from Flink's per-second values, then rates from the previous reading", () => {
    const { metrics, advance } = live();
    const [first] = metrics.record(JOB, WINDOW, readings('vertex-metrics-window-1'), true);
    expect(first?.recordsInPerSecond).toBe(1024.4666666666667);
    advance(12_000);
    const [second] = metrics.record(JOB, WINDOW, readings('vertex-metrics-window-2'), true);
    expect(second?.recordsInPerSecond).toBeCloseTo((12203 * 1000) / 12054, 6);
  });

  it('keeps the last interval while Flink has not refreshed its values, adding no sample', () => {
    const { metrics, advance } = live();
    metrics.record(JOB, WINDOW, readings('vertex-metrics-window-1'), true);
    advance(12_000);
    const [second] = metrics.record(JOB, WINDOW, readings('vertex-metrics-window-2'), true);
    advance(1_000);
    const [again] = metrics.record(JOB, WINDOW, readings('vertex-metrics-window-2'), true);
    expect(again).toEqual(second);
    const history = metrics.loadHistory(JOB, WINDOW, 2);
    expect(VertexLoadHistorySchema.parse(history)).toEqual(history);
    expect(history.subtasks.map((s) => s.samples.length)).toEqual([2, 2]);
    expect(history.subtasks[0]?.samples[1]).toEqual({
      at: 1_012_000,
      busyRatio: second?.busyRatio,
      backpressuredRatio: 0,
    });
  });

  it('forgets readings and samples older than the load window', () => {
    const { metrics, advance } = live();
    metrics.record(JOB, WINDOW, readings('vertex-metrics-window-1'), true);
    advance(LOAD_WINDOW_MS + 1);
    const [late] = metrics.record(JOB, WINDOW, readings('vertex-metrics-window-2'), true);
    // Too far apart to be an interval: Flink's own values again.
    expect(late?.recordsInPerSecond).toBe(1018.65);
    expect(metrics.loadHistory(JOB, WINDOW, 2).subtasks[0]?.samples).toHaveLength(1);
  });

  it('starts afresh after a rescale or a restart, and records no load of a stopped vertex', () => {
    const { metrics, advance } = live();
    const [before, after] = [
      readings('vertex-metrics-window-1'),
      readings('vertex-metrics-window-2'),
    ];
    metrics.record(JOB, WINDOW, after, true);
    advance(1_000);
    // Counters went back: a new run of the subtasks.
    const [restarted] = metrics.record(JOB, WINDOW, before, true);
    expect(restarted?.recordsInPerSecond).toBe(1024.4666666666667);
    // Three subtasks now: subtask 0 is another subtask than before.
    const [rescaled] = metrics.record(JOB, WINDOW, [...after, {}], true);
    expect(rescaled?.recordsInPerSecond).toBe(1018.65);
    const other = FIXTURE_IDS.source;
    metrics.record(JOB, other, readings('vertex-metrics-source-1'), false);
    expect(metrics.loadHistory(JOB, other, 2).subtasks[0]?.samples).toEqual([]);
  });
});
