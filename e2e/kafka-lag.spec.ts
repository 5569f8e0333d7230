import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { JobSpecInput } from '@weir/contract';
import { KafkaTopics } from '@weir/engine/testing';
import { startKafka } from '../scripts/services/index.mjs';
import { createUser, mutateAsAdmin, signInAt } from './support/accounts';

const JOB_ID = 'kafka-lag';
const TOPIC = 'e2e-orders';
const PARTITIONS = 2;
const PER_PARTITION = 50;
const SCREENSHOT = fileURLToPath(new URL('./artifacts/kafka-lag.png', import.meta.url));

/** Kafka → blackhole over a rebalance edge (never chained), so the source is a vertex alone. */
function kafkaLagJob(brokers: string[]): JobSpecInput {
  return {
    id: JOB_ID,
    name: 'Kafka consumer lag',
    parallelism: 2,
    checkpointing: { intervalMs: 1_000 },
    operators: [
      { uid: 'orders', kind: 'kafka-source', config: { connection: { brokers }, topics: [TOPIC] } },
      { uid: 'discard', kind: 'blackhole' },
    ],
    edges: [{ from: 'orders', to: 'discard', partitioning: 'rebalance' }],
  };
}

// A broker of its own, started for this spec (the shared cluster has none) and stopped after.
let broker: Awaited<ReturnType<typeof startKafka>> | undefined;

test.beforeAll(async () => {
  broker = await startKafka();
  const topics = new KafkaTopics(broker.brokers);
  await topics.create(TOPIC, PARTITIONS);
  for (let partition = 0; partition < PARTITIONS; partition += 1)
    await topics.produce(
      TOPIC,
      partition,
      Array.from({ length: PER_PARTITION }, (_, i) => ({ order: i })),
    );
});

test.afterAll(async () => {
  await broker?.stop();
});

test('a Kafka source shows its lag on the topology and lists its partitions', async ({
  page,
  request,
}) => {
  const brokers = broker?.brokers ?? [];
  await mutateAsAdmin(request, 'jobs.submit', kafkaLagJob(brokers));
  try {
    await signInAt(page, `/jobs/${JOB_ID}/topology`, await createUser(request, 'viewer'));
    const source = page.getByTestId('vertex-orders');
    // Every record written before the job started is read: the source shows it caught up.
    await expect(source).toHaveAttribute('data-records', String(PARTITIONS * PER_PARTITION), {
      timeout: 30_000,
    });
    const lag = source.getByTestId('consumer-lag');
    await expect(lag).toHaveAttribute('data-records', '0');
    await expect(lag).toHaveText('lag 0 records · 0 s');

    await source.click();
    const panel = page.getByTestId('subtasks-panel');
    const partitions = panel.getByRole('table', { name: 'Consumer lag per partition' });
    await expect(partitions.locator('tbody tr')).toHaveCount(PARTITIONS);
    for (let partition = 0; partition < PARTITIONS; partition += 1) {
      const cells = partitions.getByTestId(`partition-lag-${TOPIC}-${partition}`).locator('td');
      await expect(cells).toHaveText([TOPIC, String(partition), /^[01]$/, '0', '0 s']);
    }
    await expect(
      panel
        .getByTestId('lag-history')
        .getByRole('figure', { name: 'Records behind per subtask over time' }),
    ).toBeVisible({ timeout: 30_000 });

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    // Stopped before its broker is, so the shared engine does not retry a vanished Kafka.
    await mutateAsAdmin(request, 'jobs.cancel', { jobId: JOB_ID });
  }
});
