import { FlinkJobDetailSchema, JobSummarySchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import { CheckpointingStatsSchema, JobDetailsSchema, JobsOverviewSchema } from './flink-schemas.js';
import { jobDetail, jobSummary } from './job-summary.js';
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
  it('reads the topology from the plan: chained operators, roles and a HASH edge', () => {
    const detail = jobDetail(JobDetailsSchema.parse(flinkFixture('job')), { restarts: 0 });
    expect(FlinkJobDetailSchema.parse(detail)).toEqual(detail);
    expect(detail.maxParallelism).toBe(128);
    expect(detail.flink).toEqual({ jobType: 'STREAMING', scheduler: 'Adaptive' });
    expect(detail.vertices).toEqual([
      {
        id: FIXTURE_IDS.source,
        name: 'Source: clicks -> parse -> event-time',
        role: 'source',
        operators: ['Source: clicks', 'parse', 'event-time'],
        parallelism: 2,
        maxParallelism: 128,
        status: 'RUNNING',
        // Flink had not collected the counters from every subtask yet.
        recordsInTotal: null,
        recordsOutTotal: null,
      },
      {
        id: FIXTURE_IDS.window,
        name: 'count-per-user -> discard: Writer',
        role: 'sink',
        operators: ['count-per-user', 'discard: Writer'],
        parallelism: 2,
        maxParallelism: 128,
        status: 'RUNNING',
        recordsInTotal: null,
        recordsOutTotal: null,
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

  it('shows complete record counters and a job still waiting for slots, without a plan', () => {
    const raw = flinkFixture('job');
    raw.vertices[1].metrics = {
      ...raw.vertices[1].metrics,
      'read-records': 1234,
      'read-records-complete': true,
    };
    const counted = jobDetail(JobDetailsSchema.parse(raw), {});
    expect(counted.vertices[1]?.recordsInTotal).toBe(1234);

    const waiting = jobDetail(
      JobDetailsSchema.parse({
        ...raw,
        state: 'CREATED',
        vertices: [...raw.vertices].reverse(),
        plan: { ...raw.plan, nodes: [] },
      }),
      {},
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
