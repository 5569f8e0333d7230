import { type JobSpec, job } from '@weir/contract';

/**
 * The job `npm start` runs: click events -> parse -> keyBy(user) -> 10 s tumbling count ->
 * two sinks. Generated data carries a few malformed records so the dead-letter path is live.
 */
export function sampleJobSpec(options: {
  ratePerSecond: number;
  seed: number;
  checkpointIntervalMs: number;
}): JobSpec {
  const builder = sampleJob(
    { id: 'clicks-per-user', name: 'Clicks per user (10 s windows)' },
    options.checkpointIntervalMs,
  );
  const counts = builder
    .source({
      uid: 'clicks',
      kind: 'datagen',
      config: {
        seed: options.seed,
        ratePerSecond: options.ratePerSecond,
        users: 500,
        malformedRatio: 0.001,
      },
    })
    .to({ uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } })
    .keyBy('user')
    .to({
      uid: 'count-per-user',
      kind: 'tumbling-count',
      config: { keyField: 'user', timeField: 'ts', sizeMs: 10_000 },
    });
  counts.to({ uid: 'discard', kind: 'blackhole' });
  counts.to({ uid: 'recent', kind: 'recent-results', config: { capacity: 500 } });
  return builder.build();
}

/** A sample job's builder: its id and name, with what every sample job shares. */
export function sampleJob(named: { id: string; name: string }, checkpointIntervalMs: number) {
  return job({
    ...named,
    // Two subtasks per vertex: on the two cores of a small machine both do work, and the
    // console shows a real keyBy shuffle between them.
    parallelism: 2,
    maxParallelism: 128,
    checkpointing: { intervalMs: checkpointIntervalMs, retained: 3 },
  });
}
