import { JobDetailSchema, JobSummarySchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import {
  CheckpointingStatsSchema,
  JobDetailsSchema,
  JobsOverviewSchema,
  MetricValuesSchema,
} from './flink-schemas.js';
import { jobDetail, jobSummary } from './job-summary.js';
import { subtaskMetrics, subtaskReadings } from './subtask-metrics.js';
import { chainedOperators, partitioning } from './topology.js';

// Jobs and their topology from answers captured on a real Flink 2.3.0 (fixtures/README.md),
// each result also checked against the contract's own schema.
describe('jobSummary', () => {
  it('maps a running job with its parallelism, checkpoint and restarts', () => {
    const [job] = JobsOverviewSchema.parse(flinkFixture('jobs-overview')).jobs;
    if (!job) throw new Error('fixture has no job');
    const summary = jobSummary(job, {
      details: JobDetailsSchema.parse(flinkFixture('job')),
      checkpoints: CheckpointingStatsSchema.parse(flinkFixture('checkpoints')),
      restarts: 0,
    });
    expect(JobSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toEqual({
      id: FIXTURE_IDS.job,
      name: 'clicks-per-user',
      status: 'RUNNING',
      parallelism: 2,
      startedAt: new Date(1796442662415).toISOString(),
      restoredFrom: null,
      lastCompletedCheckpointAt: new Date(1796442674294).toISOString(),
      deadLetters: 0,
      restarts: 0,
      recoveryFallbacks: 0,
    });
  });

  it('shows a cancelled job as CANCELED even without its details', () => {
    const [job] = JobsOverviewSchema.parse(flinkFixture('jobs-overview-canceled')).jobs;
    if (!job) throw new Error('fixture has no job');
    expect(jobSummary(job, {})).toMatchObject({
      status: 'CANCELED',
      parallelism: 1,
      restarts: 0,
      lastCompletedCheckpointAt: null,
    });
  });

  it('names the checkpoint a restored job started from', () => {
    const stats = CheckpointingStatsSchema.parse({
      ...flinkFixture('checkpoints'),
      latest: {
        ...flinkFixture('checkpoints').latest,
        restored: { id: 7, restore_timestamp: 1, is_savepoint: true, external_path: 'file:/sp/1' },
      },
    });
    const [job] = JobsOverviewSchema.parse(flinkFixture('jobs-overview')).jobs;
    if (!job) throw new Error('fixture has no job');
    expect(jobSummary(job, { checkpoints: stats }).restoredFrom).toBe('file:/sp/1');
  });
});

describe('jobDetail', () => {
  const details = JobDetailsSchema.parse(flinkFixture('job'));
  const readings = (name: string) =>
    subtaskReadings(MetricValuesSchema.parse(flinkFixture(name)), 2);
  /** The window vertex's subtasks between two readings taken 12 s apart. */
  const window = () => {
    const [before, after] = [
      readings('vertex-metrics-window-1'),
      readings('vertex-metrics-window-2'),
    ];
    return after.map((latest, index) => subtaskMetrics(index, latest, before[index], true));
  };

  it('is a contract JobDetail without a spec: topology, metrics, the Flink facts', () => {
    const detail = jobDetail(details, { restarts: 0 }, new Map([[FIXTURE_IDS.window, window()]]));
    expect(JobDetailSchema.parse(detail)).toEqual(detail);
    expect(detail.spec).toBeUndefined();
    expect(detail.maxParallelism).toBe(128);
    expect(detail.flink).toEqual({ jobType: 'STREAMING', scheduler: 'Adaptive' });
    expect(detail.vertices.map(({ metrics: _m, subtasks: _s, ...vertex }) => vertex)).toEqual([
      {
        id: FIXTURE_IDS.source,
        name: 'Source: clicks -> parse -> event-time',
        role: 'source',
        operators: ['Source: clicks', 'parse', 'event-time'],
        parallelism: 2,
      },
      {
        id: FIXTURE_IDS.window,
        name: 'count-per-user -> discard: Writer',
        role: 'sink',
        operators: ['count-per-user', 'discard: Writer'],
        parallelism: 2,
      },
    ]);
    expect(detail.edges).toEqual([
      {
        source: FIXTURE_IDS.source,
        target: FIXTURE_IDS.window,
        partitioning: 'hash',
        shipStrategy: 'HASH',
      },
    ]);
  });

  it('sums subtask records and rates per vertex, with the worst ratio and lowest watermark', () => {
    const detail = jobDetail(details, {}, new Map([[FIXTURE_IDS.window, window()]]));
    const [source, sink] = detail.vertices;
    const subtasks = sink?.subtasks ?? [];
    expect(subtasks).toHaveLength(2);
    expect(sink?.metrics.recordsInTotal).toBe(
      subtasks.reduce((total, s) => total + s.recordsInTotal, 0),
    );
    expect(sink?.metrics.recordsInPerSecond).toBeCloseTo(
      subtasks.reduce((total, s) => total + s.recordsInPerSecond, 0),
    );
    expect(sink?.metrics.busyRatio).toBe(Math.max(...subtasks.map((s) => s.busyRatio)));
    expect(sink?.metrics.watermark).toBe(Math.min(...subtasks.map((s) => s.watermark ?? 0)));
    // No reading of the source here: zeros, no watermark.
    expect(source?.metrics).toMatchObject({ recordsOutTotal: 0, recordsOutPerSecond: 0 });
    expect(source?.subtasks.map((s) => s.subtaskIndex)).toEqual([0, 1]);
  });

  it('shows a job still waiting for slots, without a plan', () => {
    const waiting = jobDetail(
      JobDetailsSchema.parse({
        ...flinkFixture('job'),
        state: 'CREATED',
        vertices: [...flinkFixture('job').vertices].reverse(),
        plan: { ...flinkFixture('job').plan, nodes: [] },
      }),
      {},
      new Map(),
    );
    expect(waiting.edges).toEqual([]);
    expect(waiting.vertices.map((v) => v.role)).toEqual(['operator', 'source']);
  });

  it('maps ship strategies and splits chained names', () => {
    expect(
      ['FORWARD', 'HASH', 'REBALANCE', 'RESCALE', 'BROADCAST', 'GLOBAL', 'CUSTOM'].map(
        partitioning,
      ),
    ).toEqual(['forward', 'hash', 'rebalance', 'rebalance', 'broadcast', null, null]);
    expect(chainedOperators('Source: a -> b')).toEqual(['Source: a', 'b']);
  });
});
