import { job } from './job-builder.js';
import type { JobSpec } from './job-spec.js';

// The sample jobs, written once with the typed builder: the engine runs one of them when no
// spec is configured, and the console offers them as examples to start a new job from.

/** Topics of the Kafka sample job; `scripts/kafka/sample-feeder.mjs` feeds the first. */
export const KAFKA_SAMPLE_TOPICS = { clicks: 'weir-clicks', counts: 'weir-click-counts' };

/** A sample job's builder: its id and name, with what every sample job shares. */
function sampleJob(named: { id: string; name: string }, checkpointIntervalMs: number) {
  return job({
    ...named,
    // Two subtasks per vertex: on the two cores of a small machine both do work, and the
    // console shows a real keyBy shuffle between them.
    parallelism: 2,
    maxParallelism: 128,
    checkpointing: { intervalMs: checkpointIntervalMs, retained: 3 },
  });
}

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

/**
 * The job `npm start -- --kafka` (and docker-compose) runs when WEIR_KAFKA_BROKERS is set: the
 * sample's clicks read from Kafka, counted per user in 10 s windows, written back to Kafka
 * exactly once. Its consumer group makes its progress visible to Kafka's own lag tools.
 */
export function kafkaSampleJobSpec(options: {
  brokers: string[];
  checkpointIntervalMs: number;
}): JobSpec {
  const connection = { brokers: options.brokers, clientId: 'weir-sample' };
  const builder = sampleJob(
    { id: 'kafka-clicks-per-user', name: 'Kafka clicks per user (10 s windows)' },
    options.checkpointIntervalMs,
  );
  const counts = builder
    .source({
      uid: 'clicks',
      kind: 'kafka-source',
      config: {
        connection,
        topics: [KAFKA_SAMPLE_TOPICS.clicks],
        group: 'weir-sample',
        eventTime: { field: 'ts' },
        maxOutOfOrdernessMs: 2_000,
        idleTimeoutMs: 5_000,
      },
    })
    // The source emits Kafka's envelope ({ value, key, partition, ... }); the window wants fields.
    .to({
      uid: 'fields',
      kind: 'project',
      config: { fields: { user: 'record.value.user', ts: 'record.value.ts' } },
    })
    .keyBy('user')
    .to({
      uid: 'count-per-user',
      kind: 'tumbling-count',
      config: { keyField: 'user', timeField: 'ts', sizeMs: 10_000 },
    });
  counts.to({
    uid: 'counts-out',
    kind: 'kafka-sink',
    config: {
      connection,
      topic: KAFKA_SAMPLE_TOPICS.counts,
      delivery: 'exactly-once',
      key: { field: 'key' },
    },
  });
  counts.to({ uid: 'recent', kind: 'recent-results', config: { capacity: 500 } });
  return builder.build();
}

/** A job to start from in the console's editor. */
export interface JobExample {
  title: string;
  /** What it needs to run, where that is more than the embedded engine. */
  description: string;
  /** Built when chosen: the specs are validated as they are built. */
  spec: () => JobSpec;
}

// A try-out's settings: a modest rate beside whatever else runs, a checkpoint every 10 s.
const TRY_OUT = { checkpointIntervalMs: 10_000 };

export const JOB_EXAMPLES: readonly [JobExample, ...JobExample[]] = [
  {
    title: 'Clicks per user',
    description:
      'Generated click events counted per user in 10 s windows; runs on the embedded engine as it is.',
    spec: () => sampleJobSpec({ ...TRY_OUT, ratePerSecond: 200, seed: 1 }),
  },
  {
    title: 'Kafka clicks per user',
    description: `The same count, read from the Kafka topic ${KAFKA_SAMPLE_TOPICS.clicks} and written to ${KAFKA_SAMPLE_TOPICS.counts} exactly once: set the brokers of both connections first.`,
    spec: () => kafkaSampleJobSpec({ ...TRY_OUT, brokers: ['localhost:9092'] }),
  },
];
