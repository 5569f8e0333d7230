import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import {
  AsyncOperationSchema,
  CheckpointEntrySchema,
  CheckpointingStatsSchema,
  CheckpointSubtasksSchema,
  ExceptionsSchema,
  ExecutionResultSchema,
  JarListSchema,
  JobConfigSchema,
  JobDetailsSchema,
  JobsOverviewSchema,
  MetricValuesSchema,
  OverviewSchema,
  ResourceRequirementsSchema,
  TriggerSchema,
} from './flink-schemas.js';

describe('Flink REST schemas', () => {
  it('accept every captured answer, and fields a later Flink adds', () => {
    expect(OverviewSchema.parse({ ...flinkFixture('overview'), 'new-field': 1 })).toMatchObject({
      'flink-version': '2.3.0',
      'new-field': 1,
    });
    JobsOverviewSchema.parse(flinkFixture('jobs-overview-two'));
    JobsOverviewSchema.parse(flinkFixture('jobs-overview-canceled'));
    JobDetailsSchema.parse(flinkFixture('job'));
    JobDetailsSchema.parse(flinkFixture('failing-job'));
    CheckpointingStatsSchema.parse(flinkFixture('checkpoints'));
    CheckpointingStatsSchema.parse(flinkFixture('failing-checkpoints'));
    CheckpointEntrySchema.parse(flinkFixture('checkpoint-details'));
    CheckpointSubtasksSchema.parse(flinkFixture('checkpoint-subtasks'));
    ExceptionsSchema.parse(flinkFixture('exceptions'));
    ExceptionsSchema.parse(flinkFixture('failing-exceptions'));
    CheckpointingStatsSchema.parse(flinkFixture('checkpoints-restored'));
    for (const name of ['source', 'window'])
      for (const n of [1, 2]) MetricValuesSchema.parse(flinkFixture(`vertex-metrics-${name}-${n}`));
    TriggerSchema.parse(flinkFixture('savepoint-trigger'));
    for (const name of [
      'savepoint-in-progress',
      'savepoint-completed',
      'savepoint-failed',
      'disposal-completed',
      'disposal-failed',
    ])
      AsyncOperationSchema.parse(flinkFixture(name));
    ExecutionResultSchema.parse(flinkFixture('execution-result-failed'));
    ResourceRequirementsSchema.parse(flinkFixture('resource-requirements'));
    JarListSchema.parse(flinkFixture('jars'));
    JobConfigSchema.parse(flinkFixture('job-config'));
  });

  it('accept what 1.20 omits (no applicationId, no schedulerType)', () => {
    const {
      applicationId: _a,
      schedulerType: _s,
      ...older
    } = flinkFixture('jobs-overview').jobs[0];
    expect(JobsOverviewSchema.parse({ jobs: [older] }).jobs[0]?.jid).toBe(FIXTURE_IDS.job);
  });
});
