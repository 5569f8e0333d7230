import { KafkaConnectionSchema } from '@weir/contract';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaPerFile } from '../../../testing/kafka-services.js';
import { KafkaTopics } from '../../../testing/kafka-topics.js';
import { waitFor } from '../../../testing/wait-for.js';
import { createKafkaSourceClient } from './kafkajs-source-client.js';
import type { KafkaSourceClient } from './source-client.js';

const kafka = kafkaPerFile();
const topic = `weir-aborted-${Date.now()}`;
let client: KafkaSourceClient;
const producers: Producer[] = [];

/** A transactional producer of its own id, as two sink subtasks (or two jobs) would have. */
async function transactional(id: string): Promise<Producer> {
  const producer = new Kafka({ brokers: kafka().brokers, logLevel: logLevel.NOTHING }).producer({
    transactionalId: `${topic}-${id}`,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  producers.push(producer);
  return producer;
}

const message = (value: string) => ({ topic, messages: [{ partition: 0, value }] });

/**
 * One partition holding, in offset order: a1 (A), b1 (B), a2 (A), b2 (B), B's abort marker,
 * A's abort marker, then c1 (no transaction) and a3 (A again, committed). B aborts first, so
 * the broker lists the aborted transactions in an order other than their first offsets.
 */
beforeAll(async () => {
  await new KafkaTopics(kafka().brokers).create(topic, 1);
  const [a, b] = [await transactional('a'), await transactional('b')];
  const txA = await a.transaction();
  await txA.send(message('a1'));
  const txB = await b.transaction();
  await txB.send(message('b1'));
  await txA.send(message('a2'));
  await txB.send(message('b2'));
  await txB.abort();
  await txA.abort();
  await new KafkaTopics(kafka().brokers).produce(topic, 0, ['c1']);
  const txA2 = await a.transaction();
  await txA2.send(message('a3'));
  await txA2.commit();
  client = createKafkaSourceClient(
    KafkaConnectionSchema.parse({ brokers: kafka().brokers }),
    'connection',
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(producers.map((p) => p.disconnect()));
  await client?.close();
});

/** Every value the source's reader delivers from `offset` on, once it has delivered a3. */
async function readFrom(offset: number): Promise<string[]> {
  const values: string[] = [];
  const reader = client.reader((error) => {
    throw error;
  });
  void reader.start([{ topic, partition: 0, offset }], (batch) => {
    for (const record of batch.records) values.push(record.value?.toString() ?? '');
  });
  try {
    await waitFor('the committed record a3', () => values.includes('a3'));
  } finally {
    await reader.close();
  }
  return values;
}

describe("the source's reader hides aborted transactions", () => {
  it('when producers interleave and abort in another order than they began', async () => {
    expect(await readFrom(0)).toEqual(['c1', 'a3']);
  });

  it('when it starts reading inside transactions that later aborted', async () => {
    expect(await readFrom(2)).toEqual(['c1', 'a3']);
    expect(await readFrom(3)).toEqual(['c1', 'a3']);
  });
});
