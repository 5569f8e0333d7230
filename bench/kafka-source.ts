// Weir's Kafka source into a blackhole against a plain kafkajs consumer reading the same topic,
// in the same run, against a real broker started from the jars. Both read every record of a
// 4-partition topic from the beginning and both decode it as the job's `format: json` does
// (key and value as text, the value parsed). The figure is records per second from the first
// record's arrival to the last's, so neither side's start (Weir deploying worker threads,
// either joining its group) counts; the time from the start call is printed too. Weir's
// arrivals are timed by a blackhole that reports them at once (bench/operators/arrivals.mjs):
// the runtime's counters reach the job master only once a second. The blackhole is chained to
// the source (`--edge rebalance` puts it behind an exchange instead). CPU per record of each
// side is printed too: on a busy two-core machine it is steadier than the rates. Goal: Weir
// at >= 0.8 of the plain consumer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    /**
     * The edge from the source to the blackhole: 'forward' (chained into the source's
     * subtask: the source's own cost) or 'rebalance' (a vertex of its own: half the records
     * also cross threads, the runtime's exchange, which the plain consumer has no part of).
     */
    edge: { type: 'string', default: 'forward' },
    /** Which side to run ('weir' or 'plain' alone: for profiling one of them). */
    only: { type: 'string', default: 'both' },
  },
});
const records = Number(values.records);
const partitions = Number(values.partitions);
const parallelism = Number(values.parallelism);
const edge = values.edge === 'rebalance' ? 'rebalance' : 'forward';
const TOPIC = 'bench-source';
const ARRIVALS_CHANNEL = `weir-bench-arrivals-${process.pid}`;
/** Each wait for "all records arrived" gives up after this long: the bench ends either way. */
const LIMIT_MS = 300_000;
const operatorsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'operators');

/** When the first and the last record arrived (epoch ms), and the side's start call. */
interface Arrivals {
  calledAt: number;
  firstAt: number;
  /** CPU time of this process (all its threads) from the first record to the last, µs. */
  cpuMicros: number;
  lastAt: number;
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));

function cpuSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return user + system;
}

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

const now = () => performance.timeOrigin + performance.now();

async function plainConsumer(kafka: Kafka): Promise<Arrivals> {
  const calledAt = now();
  const consumer = kafka.consumer({ groupId: `bench-plain-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  let seen = 0;
  let firstAt = 0;
  let cpuAtFirst = process.cpuUsage();
  let lastAt = 0;
  let checksum = 0;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (seen === 0) {
        firstAt = now();
        cpuAtFirst = process.cpuUsage();
      }
      for (const message of batch.messages) {
        // What the source does with each record of a `json` topic: key and value as text,
        // the value parsed.
        const key = message.key?.toString('utf8') ?? null;
        const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as { ts: number };
        if (key !== null) checksum += value.ts & 1;
      }
      seen += batch.messages.length;
      lastAt = now();
    },
  });
  await whenTrue(() => seen >= records, 'plain consumer');
  const cpuMicros = cpuSince(cpuAtFirst);
  await consumer.disconnect();
  if (checksum < 0) throw new Error('unreachable: keeps the parsing from being optimised away');
  return { calledAt, firstAt, lastAt, cpuMicros };
}

async function weirSource(brokers: string[]): Promise<Arrivals> {
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
      {
        uid: 'sink',
        kind: 'custom',
        config: { module: 'arrivals', config: { channel: ARRIVALS_CHANNEL } },
      },
    ],
    edges: [{ from: 'in', to: 'sink', partitioning: edge }],
  });
  const master = new JobMaster(spec, {
    paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
    history: new MemoryHistory(),
    logger: pino({ level: 'warn' }),
    now: Date.now,
    operatorsDir,
  });
  const bySubtask = new Map<number, { count: number; firstAt: number; lastAt: number }>();
  const channel = new BroadcastChannel(ARRIVALS_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const report = event.data as {
      subtask: number;
      count: number;
      firstAt: number;
      lastAt: number;
    };
    if (bySubtask.size === 0) cpuAtFirst = process.cpuUsage();
    bySubtask.set(report.subtask, report);
  };
  let cpuAtFirst = process.cpuUsage();
  const arrived = () => [...bySubtask.values()].reduce((sum, r) => sum + r.count, 0);
  const calledAt = now();
  try {
    await master.start({ restore: null, firstCheckpointId: 1 });
    await whenTrue(() => arrived() >= records, 'Weir source');
    const cpuMicros = cpuSince(cpuAtFirst);
    const reports = [...bySubtask.values()];
    return {
      calledAt,
      firstAt: Math.min(...reports.map((r) => r.firstAt)),
      lastAt: Math.max(...reports.map((r) => r.lastAt)),
      cpuMicros,
    };
  } finally {
    channel.close();
    await master.cancel();
    await rm(dir, { recursive: true, force: true });
  }
}

const broker = await startKafka();
try {
  const kafka = new Kafka({ clientId: 'bench', brokers: broker.brokers, logLevel: logLevel.ERROR });
  await fill(kafka);
  const plain = values.only === 'weir' ? null : await plainConsumer(kafka);
  const weir = values.only === 'plain' ? null : await weirSource(broker.brokers);
  // Every record over the time from the first one's arrival to the last one's.
  const steady = (a: Arrivals | null) => (a ? rate(records, a.lastAt - a.firstAt) : null);
  const overall = (a: Arrivals | null) => (a ? rate(records, a.lastAt - a.calledAt) : null);
  const cpu = (a: Arrivals | null) => (a ? Number((a.cpuMicros / records).toFixed(2)) : null);
  const [p, w] = [steady(plain), steady(weir)];
  report({
    bench: 'kafka-source',
    records,
    partitions,
    parallelism,
    edge,
    plain_kafkajs_records_per_s: p,
    weir_records_per_s: w,
    ratio: p && w ? Number((w / p).toFixed(3)) : null,
    // From the start call (Weir: deploying the job; both: connecting, joining the group).
    plain_from_start_records_per_s: overall(plain),
    weir_from_start_records_per_s: overall(weir),
    // CPU of the process per record, first record to last (Weir: its worker threads too).
    plain_cpu_us_per_record: cpu(plain),
    weir_cpu_us_per_record: cpu(weir),
  });
} finally {
  await broker.stop();
}
