import { KafkaSinkConfigSchema } from '@weir/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { kafkaPerFile } from '../../testing/kafka-services.js';
import { KafkaTopics } from '../../testing/kafka-topics.js';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { readCommitted } from '../../testing/read-committed.js';
import { kafkajsSinkClient } from '../connectors/kafka/kafkajs-sink-client.js';
import { StreamingKafkaSink } from './streaming-kafka-sink.js';

const kafka = kafkaPerFile();
let topics = 0;
const opened: StreamingKafkaSink[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sink) => sink.close()));
});

async function setUp(input: Record<string, unknown>) {
  const topic = `delivery-${++topics}`;
  await new KafkaTopics(kafka().brokers).create(topic, 2);
  const config = KafkaSinkConfigSchema.parse({
    connection: { brokers: kafka().brokers },
    topic,
    ...input,
  });
  const sink = () => {
    const operator = new StreamingKafkaSink(config, config.delivery === 'at-least-once', () =>
      kafkajsSinkClient(config.connection, 'connection'),
    );
    opened.push(operator);
    return new OperatorHarness(operator, { uid: 'out' });
  };
  return { topic, sink };
}

const values = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => JSON.stringify({ n: from + i }));

describe('the Kafka sink without transactions (real broker)', () => {
  it('at-least-once: what was unacknowledged at the barrier is sent again after a restore', async () => {
    const { topic, sink } = await setUp({ delivery: 'at-least-once', key: 'round-robin' });
    const first = sink();
    for (let n = 0; n < 1000; n++) first.operator.processElement({ n }, 0, undefined, -1);
    // Taken as the sends are under way: the records the broker has not acknowledged yet.
    const state = first.operator.snapshotState();
    expect((state.operator ?? []).length).toBeGreaterThan(0);
    // The process dies here; the job restores from the checkpoint and the input replays on.
    const second = sink();
    second.operator.restoreState(JSON.parse(JSON.stringify(state)));
    for (let n = 1000; n < 1200; n++) second.operator.processElement({ n }, 0, undefined, -1);
    await second.operator.endInput();
    await first.operator.endInput();
    const seen = await readCommitted(kafka().brokers, topic);
    expect(new Set(seen)).toEqual(new Set(values(0, 1200)));
  });

  it('sends records it cannot encode to the dead-letter topic and keeps going', async () => {
    const { topic, sink } = await setUp({
      delivery: 'at-least-once',
      key: { field: 'user' },
      deadLetterTopic: 'delivery-dlq',
    });
    await new KafkaTopics(kafka().brokers).create('delivery-dlq', 1);
    const h = sink();
    h.operator.processElement({ user: 'ada', n: 1 }, 0, undefined, -1);
    h.operator.processElement({ n: 2 }, 0, undefined, -1);
    h.operator.processElement({ user: 'bob', n: 3 }, 0, undefined, -1);
    await h.operator.endInput();
    expect((await readCommitted(kafka().brokers, topic)).sort()).toEqual([
      '{"user":"ada","n":1}',
      '{"user":"bob","n":3}',
    ]);
    expect(await readCommitted(kafka().brokers, 'delivery-dlq')).toEqual([
      JSON.stringify({
        reason: 'kafka sink: the record has no key field "user"',
        record: '{"n":2}',
      }),
    ]);
    expect(h.deadLetters).toEqual([
      { record: { n: 2 }, reason: 'kafka sink: the record has no key field "user"' },
    ]);
  });

  it('none: keeps nothing in state', async () => {
    const { topic, sink } = await setUp({ delivery: 'none' });
    const h = sink();
    for (let n = 0; n < 10; n++) h.operator.processElement({ n }, 0, undefined, -1);
    expect(h.operator.snapshotState()).toEqual({});
    await h.operator.endInput();
    expect((await readCommitted(kafka().brokers, topic)).sort()).toEqual(values(0, 10).sort());
  });
});
