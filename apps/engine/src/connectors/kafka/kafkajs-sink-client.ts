import type { KafkaConnection } from '@weir/contract';
import type { Admin, Kafka, Message, Producer, TopicMessages, Transaction } from 'kafkajs';
import { createKafka } from './connection.js';
import type {
  KafkaSinkClient,
  OutgoingRecord,
  PlainProducer,
  SinkAdmin,
  TransactionalProducer,
} from './sink-client.js';

/**
 * Retries inside kafkajs before an error reaches the sink. kafkajs retries an idempotent
 * producer for ever by default, which would hang a commit while the broker is away; the sink
 * instead gives up, re-creates its producer and tries again (its output stays staged).
 */
const RETRY = { retries: 5, initialRetryTime: 300 };
/**
 * The transactional producer's retries: about the same total wait, from a shorter first one.
 * The first send of a transaction begun right after a commit is often refused with
 * CONCURRENT_TRANSACTIONS while the coordinator still writes the commit's markers (a few ms);
 * a first retry after 300 ms stalled the sink that long after many commits.
 */
const TRANSACTIONAL_RETRY = { retries: 8, initialRetryTime: 40 };

function topicMessages(records: OutgoingRecord[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, key, value, partition } of records) {
    const messages = byTopic.get(topic) ?? [];
    messages.push(partition === undefined ? { key, value } : { key, value, partition });
    byTopic.set(topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

class KafkajsTransactionalProducer implements TransactionalProducer {
  private transaction: Transaction | null = null;
  private connected: Promise<void> | null = null;

  constructor(private readonly producer: Producer) {}

  private connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  async init(): Promise<void> {
    await this.connect();
    // kafkajs runs InitProducerId with the first transaction; aborting it with nothing sent
    // stays local, leaving the producer initialised and idle.
    await (await this.producer.transaction()).abort();
  }

  async begin(): Promise<void> {
    await this.connect();
    this.transaction = await this.producer.transaction();
  }

  private open(): Transaction {
    if (!this.transaction) throw new Error('no transaction is open');
    return this.transaction;
  }

  async send(records: OutgoingRecord[]): Promise<void> {
    await this.open().sendBatch({ topicMessages: topicMessages(records) });
  }

  async sendOffsets(groupId: string, topic: string, partition: number, offset: number) {
    await this.open().sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic, partitions: [{ partition, offset: String(offset) }] }],
    });
  }

  async commit(): Promise<void> {
    const transaction = this.open();
    this.transaction = null;
    await transaction.commit();
  }

  async abort(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = null;
    if (transaction?.isActive()) await transaction.abort();
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

class KafkajsPlainProducer implements PlainProducer {
  private readonly connected: Promise<void>;

  constructor(private readonly producer: Producer) {
    this.connected = producer.connect();
    this.connected.catch(() => {}); // reported by the first send
  }

  async send(records: OutgoingRecord[]): Promise<void> {
    await this.connected;
    await this.producer.sendBatch({ topicMessages: topicMessages(records) });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

class KafkajsSinkAdmin implements SinkAdmin {
  private connected: Promise<void> | null = null;

  constructor(private readonly admin: Admin) {}

  private async ready(): Promise<Admin> {
    this.connected ??= this.admin.connect();
    await this.connected;
    return this.admin;
  }

  async committedOffset(groupId: string, topic: string, partition: number) {
    const [fetched] = await (await this.ready()).fetchOffsets({ groupId, topics: [topic] });
    const offset = fetched?.partitions.find((p) => p.partition === partition)?.offset;
    // kafkajs reports "no committed offset" as -1.
    return offset === undefined || Number(offset) < 0 ? null : Number(offset);
  }

  async partitionCount(topic: string): Promise<number> {
    const { topics } = await (await this.ready()).fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length ?? 0;
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}

class KafkajsSinkClient implements KafkaSinkClient {
  constructor(private readonly kafka: Kafka) {}

  transactionalProducer(transactionalId: string, transactionTimeoutMs: number) {
    return new KafkajsTransactionalProducer(
      this.kafka.producer({
        transactionalId,
        transactionTimeout: transactionTimeoutMs,
        idempotent: true,
        // Required by kafkajs for an idempotent producer: order and no duplicates on retry.
        maxInFlightRequests: 1,
        retry: TRANSACTIONAL_RETRY,
      }),
    );
  }

  producer(): PlainProducer {
    return new KafkajsPlainProducer(this.kafka.producer({ retry: RETRY }));
  }

  admin(): SinkAdmin {
    return new KafkajsSinkAdmin(this.kafka.admin({ retry: RETRY }));
  }
}

/** The sink's Kafka client, on kafkajs; `field` names the connection in errors. */
export function kafkajsSinkClient(connection: KafkaConnection, field: string): KafkaSinkClient {
  return new KafkajsSinkClient(createKafka(connection, field));
}
