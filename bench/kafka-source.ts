// Weir's Kafka source into a blackhole against a plain kafkajs consumer reading the same topic,
// in the same run, against a real broker started from the jars. Both read every record of a
// 4-partition topic from the beginning; the figure is records per second from start until the
// last record arrived. Goal: Weir at >= 0.8 of the plain consumer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { JobSpecSchema } from '@weir/contract';
import { createSnapshotPaths, JobMaster, MemoryHistory } from '@weir/engine/testing';
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { startKafka } from '../scripts/services/index.mjs';
import { report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    partitions: { type: 'string', default: '4' },
    parallelism: { type: 'string', default: '2' },
  },
});
const records = Number(values.records);
const partitions = Number(values.partitions);
const parallelism = Number(values.parallelism);
const TOPIC = 'bench-source';
/** Each wait for "all records arrived" gives up after this long: the bench ends either way. */
const LIMIT_MS = 300_000;

async function fill(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: partitions }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const batch = 10_000;
  for (let sent = 0; sent < records; sent += batch) {
    const messages = Array.from({ length: Math.min(batch, records - sent) }, (_, i) => {
      const n = sent + i;
      return {
        key: `user-${n % 1000}`,
        value: JSON.stringify({ user: `user-${n % 1000}`, ts: n }),
      };
    });
    await producer.send({ topic: TOPIC, messages });
  }
  await producer.disconnect();
}

/** Polls `done` every 5 ms; resolves with the time it first held, or throws past the limit. */
async function whenTrue(done: () => boolean, what: string): Promise<number> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > LIMIT_MS) throw new Error(`${what}: not done in time`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now();
}

async function plainConsumer(kafka: Kafka): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-plain-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  let seen = 0;
  const started = performance.now();
  await consumer.run({
    eachBatch: async ({ batch }) => {
      seen += batch.messages.length;
    },
  });
  const ended = await whenTrue(() => seen >= records, 'plain consumer');
  await consumer.disconnect();
  return Math.round(records / ((ended - started) / 1000));
}

async function weirSource(brokers: string[]): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'weir-bench-kafka-'));
  const spec = JobSpecSchema.parse({
    id: 'bench-kafka-source',
    name: 'bench kafka source',
    parallelism,
    checkpointing: { intervalMs: 3_600_000 },
    operators: [
      {
        uid: 'in',
        kind: 'kafka-source',
        config: { connection: { brokers }, topics: [TOPIC], format: 'json' },
      },
      { uid: 'sink', kind: 'blackhole' },
    ],
    // Rebalance keeps the sink a vertex of its own, whose records-in say what arrived.
    edges: [{ from: 'in', to: 'sink', partitioning: 'rebalance' }],
  });
  const master = new JobMaster(spec, {
    paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
    history: new MemoryHistory(),
    logger: pino({ level: 'warn' }),
    now: Date.now,
    operatorsDir: null,
  });
  const arrived = () =>
    master.observed.vertices().find((v) => v.id === 'sink')?.metrics.recordsInTotal ?? 0;
  const started = performance.now();
  try {
    await master.start({ restore: null, firstCheckpointId: 1 });
    const ended = await whenTrue(() => arrived() >= records, 'Weir source');
    return Math.round(records / ((ended - started) / 1000));
  } finally {
    await master.cancel();
    await rm(dir, { recursive: true, force: true });
  }
}

const broker = await startKafka();
try {
  const kafka = new Kafka({ clientId: 'bench', brokers: broker.brokers, logLevel: logLevel.ERROR });
  await fill(kafka);
  const plain = await plainConsumer(kafka);
  const weir = await weirSource(broker.brokers);
  report({
    bench: 'kafka-source',
    records,
    partitions,
    parallelism,
    plain_kafkajs_records_per_s: plain,
    weir_records_per_s: weir,
    ratio: Number((weir / plain).toFixed(3)),
  });
} finally {
  await broker.stop();
}
