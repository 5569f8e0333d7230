/**
 * What the Kafka source needs from a Kafka client, and nothing more: the operator depends on
 * this interface only, so another client library can replace kafkajs behind it
 * (`kafkajs-source-client.ts` is today's implementation).
 */

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface PartitionOffset extends TopicPartition {
  offset: number;
}

/** Which topics a source reads: named ones, or every topic whose name matches a pattern. */
export type TopicSelection = { topics: string[] } | { pattern: RegExp };

/** Whether `selection` takes `topic`; Kafka's own topics (`__consumer_offsets`, …) match no pattern. */
export const selects = (selection: TopicSelection, topic: string) =>
  'topics' in selection
    ? selection.topics.includes(topic)
    : !topic.startsWith('__') && selection.pattern.test(topic);

/** Where to look an offset up: the log's start, its end, or the first record at or after a time. */
export type OffsetSpec = 'earliest' | 'latest' | { timestamp: number };

export interface FetchedRecord {
  offset: number;
  /** Epoch milliseconds (CreateTime or LogAppendTime, as the topic keeps it). */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Records of one partition, in offset order, with the log end the broker reported with them. */
export interface FetchedBatch extends TopicPartition {
  records: FetchedRecord[];
  /** Offset the next record written to the partition will get (the high watermark). */
  logEndOffset: number;
}

/**
 * Reads exactly the partitions it is given, each from the offset it is given: no consumer
 * group decides what it reads or where it starts.
 */
export interface PartitionReader {
  /** Delivers batches of `positions`' partitions, each from its offset, to `onBatch`. */
  start(positions: PartitionOffset[], onBatch: (batch: FetchedBatch) => void): Promise<void>;
  /** Stops fetching (backpressure); records already fetched may still arrive once. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export interface KafkaSourceClient {
  /** Every partition of the selected topics that exist now. */
  partitions(selection: TopicSelection): Promise<TopicPartition[]>;
  /** The offset `spec` names for each partition. */
  offsets(partitions: TopicPartition[], spec: OffsetSpec): Promise<PartitionOffset[]>;
  /** Offsets committed to `group`; partitions without one are left out. */
  committedOffsets(group: string, partitions: TopicPartition[]): Promise<PartitionOffset[]>;
  /** Commits `offsets` (next offsets to read) to `group`, for other tools to see. */
  commitOffsets(group: string, offsets: PartitionOffset[]): Promise<void>;
  /**
   * A new reader; `onError` hears a failure the reader cannot recover from (its fetching has
   * stopped for good).
   */
  reader(onError: (error: Error) => void): PartitionReader;
  close(): Promise<void>;
}

export const partitionId = ({ topic, partition }: TopicPartition) => `${topic}/${partition}`;

/** Groups partition-keyed items by topic, as Kafka's per-topic APIs want them. */
export function byTopic<T extends TopicPartition>(items: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const list = grouped.get(item.topic);
    if (list) list.push(item);
    else grouped.set(item.topic, [item]);
  }
  return grouped;
}
