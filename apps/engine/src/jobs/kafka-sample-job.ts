import type { JobSpec } from '@weir/contract';
import { sampleJob } from './sample-job.js';

/** Topics of the Kafka sample job; `scripts/kafka/sample-feeder.mjs` feeds the first. */
export const KAFKA_SAMPLE_TOPICS = { clicks: 'weir-clicks', counts: 'weir-click-counts' };

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
