import { describe, expect, it } from 'vitest';
import {
  JOB_EXAMPLES,
  KAFKA_SAMPLE_TOPICS,
  kafkaSampleJobSpec,
  sampleJobSpec,
} from './job-examples.js';
import { JobSpecSchema } from './job-spec.js';

describe('the typed job builder', () => {
  it('produces exactly the JSON of the same job written by hand', () => {
    const built = sampleJobSpec({ ratePerSecond: 100, seed: 9, checkpointIntervalMs: 1000 });
    const handWritten = JobSpecSchema.parse({
      id: 'clicks-per-user',
      name: 'Clicks per user (10 s windows)',
      parallelism: 2,
      maxParallelism: 128,
      checkpointing: { intervalMs: 1000, retained: 3 },
      operators: [
        {
          uid: 'clicks',
          kind: 'datagen',
          config: { seed: 9, ratePerSecond: 100, users: 500, malformedRatio: 0.001 },
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
        { from: 'clicks', to: 'parse', partitioning: 'forward' },
        { from: 'parse', to: 'count-per-user', partitioning: 'hash', keyField: 'user' },
        { from: 'count-per-user', to: 'discard', partitioning: 'forward' },
        { from: 'count-per-user', to: 'recent', partitioning: 'forward' },
      ],
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(handWritten));
  });
});

describe('the Kafka sample job', () => {
  it("reads the feeder's topic and writes counts to Kafka exactly once, on the given brokers", () => {
    const spec = kafkaSampleJobSpec({ brokers: ['kafka:9092'], checkpointIntervalMs: 2000 });
    expect(JobSpecSchema.parse(spec)).toEqual(spec);
    const source = spec.operators.find((op) => op.kind === 'kafka-source');
    const sink = spec.operators.find((op) => op.kind === 'kafka-sink');
    expect(source?.kind === 'kafka-source' && source.config.topics).toEqual([
      KAFKA_SAMPLE_TOPICS.clicks,
    ]);
    expect(sink?.kind === 'kafka-sink' && sink.config).toMatchObject({
      topic: KAFKA_SAMPLE_TOPICS.counts,
      delivery: 'exactly-once',
      connection: { brokers: ['kafka:9092'] },
    });
  });
});

describe("the console's examples", () => {
  it('each builds a valid spec under the id of the sample it shows', () => {
    expect(JOB_EXAMPLES.map((example) => example.spec().id)).toEqual([
      'clicks-per-user',
      'kafka-clicks-per-user',
    ]);
  });
});
