/**
 * What the Kafka sink needs from a Kafka client, and nothing more: the operator depends on
 * this interface only, so another client library can replace kafkajs behind it
 * (`kafkajs-sink-client.ts` is today's implementation).
 */

/** One record to write: a key for the partitioner, or an explicit partition. */
export interface OutgoingRecord {
  topic: string;
  key: string | null;
  value: string;
  partition?: number;
}

/**
 * A producer with a transactional id. Records sent and offsets committed inside one
 * transaction become visible to `read_committed` consumers together at `commit`, or never.
 */
export interface TransactionalProducer {
  /**
   * Registers the transactional id with the broker and bumps its epoch: every earlier producer
   * with this id is fenced from then on, its open transaction aborted, and a commit it had
   * already asked for finished before this returns.
   */
  init(): Promise<void>;
  begin(): Promise<void>;
  send(records: OutgoingRecord[]): Promise<void>;
  /** Commits `offset` for `topic`/`partition` to `groupId` as part of the open transaction. */
  sendOffsets(groupId: string, topic: string, partition: number, offset: number): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
  close(): Promise<void>;
}

/** A producer without transactions: `send` resolves once the broker acknowledged every record. */
export interface PlainProducer {
  send(records: OutgoingRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface SinkAdmin {
  /** The offset `groupId` committed for `topic`/`partition`, or null when it has none. */
  committedOffset(groupId: string, topic: string, partition: number): Promise<number | null>;
  partitionCount(topic: string): Promise<number>;
  close(): Promise<void>;
}

export interface KafkaSinkClient {
  transactionalProducer(
    transactionalId: string,
    transactionTimeoutMs: number,
  ): TransactionalProducer;
  producer(): PlainProducer;
  admin(): SinkAdmin;
}
