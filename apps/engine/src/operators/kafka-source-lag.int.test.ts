import path from 'node:path';
import { type JobSpec, JobSpecSchema, totalLag, type Vertex } from '@weir/contract';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kafkaPerFile } from '../../testing/kafka-services.js';
import { KafkaTopics } from '../../testing/kafka-topics.js';
import { MasterHarness } from '../../testing/master-harness.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { TestSignals } from '../../testing/test-signals.js';
import { waitFor } from '../../testing/wait-for.js';
import { AlertEvaluator } from '../alerts/evaluator.js';
import { vertexSignalsOf } from '../alerts/vertex-signals.js';
import { findLatestValidCheckpoint } from '../checkpoint/storage/storage.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { createStore, type Store } from '../db/store.js';
import type { JobMaster } from '../runtime/job-master.js';

const kafka = kafkaPerFile();
const harness = MasterHarness.perTest();

const JOB = 'lagging';
const PARTITIONS = 2;
/** Records produced while the job is stopped, per partition. */
const PER_PARTITION = 1_500;
const PRODUCED = PARTITIONS * PER_PARTITION;
/** The sink spins this long per record, so the backlog drains over seconds, not at once. */
const SINK_DELAY_MS = 2;
/** The consumer-lag rule under test: a quarter of the backlog, held for a second. */
const THRESHOLD = PRODUCED / 4;
const FOR_MS = 1_000;

/** Kafka → slow sink, over a network edge: the sink's pace holds the source back. */
function jobSpec(topic: string, countFile: string): JobSpec {
  return JobSpecSchema.parse({
    id: JOB,
    name: 'Kafka behind a slow sink',
    parallelism: 1,
    checkpointing: { intervalMs: 200 },
    restartStrategy: { type: 'none' },
    operators: [
      {
        uid: 'input',
        kind: 'kafka-source',
        config: { connection: { brokers: kafka().brokers }, topics: [topic] },
      },
      {
        uid: 'slow',
        kind: 'custom',
        config: { module: 'slow-sink', config: { delayMs: SINK_DELAY_MS, countFile } },
      },
    ],
    edges: [{ from: 'input', to: 'slow', partitioning: 'rebalance' }],
  });
}

const sourceOf = (master: JobMaster) =>
  master.observed.vertices().find((v) => v.id === 'input') as Vertex;

describe('consumer lag of a Kafka source', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let store: Store;

  beforeEach(async () => {
    const pg = await createTestDatabase();
    drop = pg.drop;
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    store = createStore(db.prisma);
  });
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  it('reads the backlog written while the job was stopped, drains it, and the alert fires then resolves', async () => {
    const topic = `weir-lag-${Date.now()}`;
    const topics = new KafkaTopics(kafka().brokers);
    await topics.create(topic, PARTITIONS);
    const spec = jobSpec(topic, path.join(harness().dir, 'count'));

    const first = harness().master(spec);
    await first.start({ restore: null, firstCheckpointId: 1 });
    await waitFor('a completed checkpoint', () =>
      harness().history.rows.some((r) => r.status === 'COMPLETED'),
    );
    await first.cancel();
    for (let p = 0; p < PARTITIONS; p++)
      await topics.produce(
        topic,
        p,
        Array.from({ length: PER_PARTITION }, (_, i) => ({ n: i })),
      );

    const recovery = await findLatestValidCheckpoint(harness().paths.checkpointsOf(JOB));
    const second = harness().master(spec);
    await second.start({
      restore: recovery.snapshot,
      firstCheckpointId: recovery.highestSeenId + 2,
    });

    // The source looks the log ends up as it starts, so its first figures count the whole
    // backlog: what it has emitted since plus what it reports behind is every record produced.
    const firstReading = await waitFor('lag on every partition', () => {
      const source = sourceOf(second);
      const lag = source.partitionLag ?? [];
      const { records } = totalLag(lag);
      return lag.length === PARTITIONS && records > 0 ? { source, records } : null;
    });
    expect(firstReading.records + firstReading.source.metrics.recordsOutTotal).toBe(PRODUCED);
    expect(firstReading.records).toBeGreaterThan(PRODUCED / 2);

    // The evaluator reads the same figures the API serves, with its own clock (real time).
    const signals = new TestSignals(JOB, Date.now());
    const evaluator = new AlertEvaluator({
      alerts: store.alerts,
      signals,
      now: Date.now,
      logger: pino({ level: 'silent' }),
      notify: false,
    });
    await evaluator.evaluate();
    for (const rule of await store.alerts.listRules())
      await store.alerts.updateRule(rule.id, {
        enabled: rule.kind === 'consumer-lag',
        ...(rule.kind === 'consumer-lag' ? { threshold: THRESHOLD, forMs: FOR_MS } : {}),
      });
    let wasPending = false;
    const evaluate = async () => {
      signals.vertices = second.observed.vertices().map(vertexSignalsOf);
      await evaluator.evaluate();
      wasPending ||= evaluator.pending().length > 0;
    };

    const [firing] = await waitFor(
      'the consumer-lag alert firing',
      async () => {
        await evaluate();
        const alerts = await store.alerts.firingAlerts();
        return alerts.length > 0 ? alerts : null;
      },
      30_000,
      100,
    );
    expect(wasPending).toBe(true);
    expect(firing).toMatchObject({ kind: 'consumer-lag', jobId: JOB });
    expect(firing?.value).toBeGreaterThanOrEqual(THRESHOLD);

    await waitFor(
      'the backlog drained on every partition',
      async () => {
        await evaluate();
        const source = sourceOf(second);
        return (
          source.metrics.recordsOutTotal === PRODUCED &&
          (source.partitionLag ?? []).every((p) => p.records === 0 && p.seconds === 0)
        );
      },
      60_000,
      100,
    );
    await evaluate();
    expect((await store.alerts.history({ limit: 10 })).map((a) => a.state)).toEqual(['resolved']);
  });
});
