// The exactly-once Kafka sink against the at-least-once one, in the same run on one real
// broker: datagen (unthrottled, bounded) into a Kafka sink at 1 s checkpoints, throughput of
// each and their ratio (goal >= 0.9); then end-to-end latency of the exactly-once sink at a
// steady rate: from a record's emission by the source (its event time) to the moment a
// read_committed consumer sees it (p50/p99), which includes waiting for its checkpoint.
import { parseArgs } from 'node:util';
import type { JobSpec, JobSpecInput } from '@weir/contract';
import { JobSpecSchema } from '@weir/contract';
import { KafkaTopics, TestKafka, watchCommitted } from '@weir/engine/testing';
import { benchSource, report, runJob } from './_run-job.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    'latency-rate': { type: 'string', default: '2000' },
    'latency-seconds': { type: 'string', default: '15' },
  },
});
const records = Number(values.records);
const latencyRate = Number(values['latency-rate']);
const latencyRecords = latencyRate * Number(values['latency-seconds']);

type Delivery = 'exactly-once' | 'at-least-once';

function sinkJob(
  id: string,
  brokers: string[],
  topic: string,
  delivery: Delivery,
  source: JobSpecInput['operators'][number]['config'],
): JobSpec {
  return JobSpecSchema.parse({
    id,
    name: id,
    parallelism: 2,
    checkpointing: { intervalMs: 1000 },
    restartStrategy: { type: 'none' },
    operators: [
      { uid: 'source', kind: 'datagen', config: source },
      { uid: 'parse', kind: 'parse-json' },
      {
        uid: 'sink',
        kind: 'kafka-sink',
        config: { connection: { brokers }, topic, delivery, key: { field: 'user' } },
      },
    ],
    edges: [
      { from: 'source', to: 'parse' },
      { from: 'parse', to: 'sink' },
    ],
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const kafka = await TestKafka.start();
try {
  const topics = new KafkaTopics(kafka.brokers);
  const throughput: Record<Delivery, number> = { 'exactly-once': 0, 'at-least-once': 0 };
  for (const delivery of ['at-least-once', 'exactly-once'] as const) {
    const topic = `bench-${delivery}`;
    await topics.create(topic, 4);
    const spec = sinkJob(topic, kafka.brokers, topic, delivery, benchSource(records, 1000));
    const run = await runJob(spec, records);
    if (run.status !== 'FINISHED') throw new Error(`${delivery} job ended ${run.status}`);
    throughput[delivery] = run.recordsPerSecond;
    process.stderr.write(`${delivery}: ${run.recordsPerSecond} records/s\n`);
  }

  const topic = 'bench-latency';
  await topics.create(topic, 4);
  const latencies: number[] = [];
  const stop = await watchCommitted(kafka.brokers, topic, (value) => {
    latencies.push(Date.now() - (JSON.parse(value) as { ts: number }).ts);
  });
  // No start time: event time starts when the source does, so a record's event time is when
  // it was emitted (no out-of-orderness jitter).
  const steady = {
    seed: 2,
    ratePerSecond: latencyRate,
    throttle: true,
    count: latencyRecords,
    users: 1000,
    maxOutOfOrdernessMs: 0,
  };
  await runJob(sinkJob(topic, kafka.brokers, topic, 'exactly-once', steady), latencyRecords);
  const deadline = Date.now() + 30_000;
  while (latencies.length < latencyRecords && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await stop();
  latencies.sort((a, b) => a - b);
  report({
    bench: 'kafka-eo-sink',
    records,
    checkpoint_interval_ms: 1000,
    at_least_once_records_per_s: throughput['at-least-once'],
    exactly_once_records_per_s: throughput['exactly-once'],
    ratio: Number((throughput['exactly-once'] / throughput['at-least-once']).toFixed(3)),
    latency_records: latencies.length,
    latency_rate_per_s: latencyRate,
    latency_p50_ms: percentile(latencies, 50),
    latency_p99_ms: percentile(latencies, 99),
  });
} finally {
  await kafka.stop();
}
