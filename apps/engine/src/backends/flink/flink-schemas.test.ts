import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import {
  CheckpointEntrySchema,
  CheckpointingStatsSchema,
  CheckpointSubtasksSchema,
  ExceptionsSchema,
  JobDetailsSchema,
  JobsOverviewSchema,
  OverviewSchema,
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
