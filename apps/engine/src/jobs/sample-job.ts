import { type JobSpec, JobSpecSchema } from '@weir/shared';

/**
 * The job `npm start` runs: click events -> parse -> keyBy(user) -> 10 s tumbling count ->
 * two sinks. Generated data carries a few malformed records so the dead-letter path is live.
 */
export function sampleJobSpec(options: {
  ratePerSecond: number;
  seed: number;
  checkpointIntervalMs: number;
}): JobSpec {
  return JobSpecSchema.parse({
    id: 'clicks-per-user',
    name: 'Clicks per user (10 s windows)',
    // Two subtasks per vertex: on the two cores of a small machine both do work, and the
    // console shows a real keyBy shuffle between them.
    parallelism: 2,
    maxParallelism: 128,
    checkpointing: { intervalMs: options.checkpointIntervalMs, retained: 3 },
    operators: [
      {
        uid: 'clicks',
        kind: 'datagen',
        config: {
          seed: options.seed,
          ratePerSecond: options.ratePerSecond,
          users: 500,
          malformedRatio: 0.001,
        },
      },
      { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
      {
        uid: 'count-per-user',
        kind: 'tumbling-count',
        config: { keyField: 'user', timeField: 'ts', sizeMs: 10_000 },
      },
      { uid: 'discard', kind: 'blackhole' },
      { uid: 'recent', kind: 'recent-results', config: { capacity: 500 } },
    ],
    edges: [
      { from: 'clicks', to: 'parse' },
      { from: 'parse', to: 'count-per-user', partitioning: 'hash', keyField: 'user' },
      { from: 'count-per-user', to: 'discard' },
      { from: 'count-per-user', to: 'recent' },
    ],
  });
}
