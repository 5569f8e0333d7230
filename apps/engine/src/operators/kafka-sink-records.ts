import type { KafkaSinkConfig } from '@weir/contract';
import type {
  KafkaSinkClient,
  OutgoingRecord,
  SinkAdmin,
} from '../connectors/kafka/sink-client.js';
import type { OperatorContext } from '../core/operator.js';

/** Why a record cannot be written, or its encoded form. */
type Encoded = { record: OutgoingRecord } | { problem: string };

/**
 * Turns a sink's input into Kafka records per its `format` and `key`. A record it cannot
 * encode goes to the job's dead letters and, when the sink has one, to its dead-letter topic
 * (returned with the others, so it is written with the same guarantee).
 */
export class KafkaRecordEncoder {
  constructor(
    private readonly config: KafkaSinkConfig,
    private readonly ctx: Pick<OperatorContext, 'deadLetter'>,
  ) {}

  /** What to write for `value`: its record, its dead-letter record, or nothing. */
  encode(value: unknown): OutgoingRecord[] {
    const encoded = this.tryEncode(value);
    if ('record' in encoded) return [encoded.record];
    this.ctx.deadLetter(value, encoded.problem);
    const { deadLetterTopic } = this.config;
    if (!deadLetterTopic) return [];
    return [{ topic: deadLetterTopic, key: null, value: deadLetterValue(value, encoded.problem) }];
  }

  private tryEncode(value: unknown): Encoded {
    const text = this.valueOf(value);
    if (typeof text !== 'string') return text;
    const { key } = this.config;
    if (typeof key === 'string')
      return { record: { topic: this.config.topic, key: null, value: text } };
    const field = (value as Record<string, unknown> | null)?.[key.field];
    if (field === undefined || field === null)
      return { problem: `kafka sink: the record has no key field "${key.field}"` };
    const keyText = typeof field === 'string' ? field : jsonOf(field);
    if (keyText === undefined)
      return { problem: `kafka sink: key field "${key.field}" is not JSON` };
    return { record: { topic: this.config.topic, key: keyText, value: text } };
  }

  private valueOf(value: unknown): string | { problem: string } {
    if (this.config.format === 'string')
      return typeof value === 'string'
        ? value
        : { problem: 'kafka sink: format "string" needs records that are strings' };
    return jsonOf(value) ?? { problem: 'kafka sink: the record cannot be written as JSON' };
  }
}

/** JSON text of `value`, or undefined when it has none (undefined, functions, BigInt, cycles). */
function jsonOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** The dead-letter topic's record: the reason, and the record itself as far as JSON can hold it. */
const deadLetterValue = (value: unknown, reason: string) =>
  JSON.stringify({ reason, record: jsonOf(value) ?? String(value) });

/** How long a topic's partition count is trusted before it is asked again (partitions get added). */
const PARTITION_COUNT_TTL_MS = 60_000;

/**
 * Partitions for `key: 'round-robin'`: each record of the sink's topic gets the next partition
 * in turn, chosen right before it is sent, so records in state carry none. Other records keep
 * what the client library's partitioner makes of their key.
 */
export class RoundRobinPartitions {
  private next = 0;
  private count: { partitions: number; until: number } | null = null;

  constructor(
    private readonly topic: string,
    private readonly now: () => number,
  ) {}

  async assign(records: OutgoingRecord[], admin: SinkAdmin): Promise<OutgoingRecord[]> {
    if (!this.count || this.count.until < this.now())
      this.count = {
        partitions: Math.max(1, await admin.partitionCount(this.topic)),
        until: this.now() + PARTITION_COUNT_TTL_MS,
      };
    const { partitions } = this.count;
    return records.map((r) =>
      r.topic === this.topic ? { ...r, partition: this.next++ % partitions } : r,
    );
  }
}

/**
 * A send's worth of records at most: brokers refuse a batch over `message.max.bytes` (1 MiB
 * by default), and a checkpoint's output can be far more than that.
 */
const SEND_BYTES = 512 * 1024;
/**
 * And a send's count of records at most: kafkajs groups a send's records by partition in time
 * quadratic in their number (each record copies its partition's list so far), which made a
 * 512 KiB send of small records take longer than its round trip by far (~450 ms for 8,000
 * records of 60 bytes); sends of up to 2,000 wrote a transaction's output several times faster.
 */
const SEND_RECORDS = 2_000;

/** `records` cut into consecutive sends of at most about SEND_BYTES and SEND_RECORDS each. */
export function sendsOf(records: OutgoingRecord[]): OutgoingRecord[][] {
  const sends: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = record.value.length + (record.key?.length ?? 0);
    if (current.length > 0 && (bytes + size > SEND_BYTES || current.length >= SEND_RECORDS)) {
      sends.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) sends.push(current);
  return sends;
}

/** What every Kafka sink opens with: its encoder, its choice of partitions and its client. */
export class SinkOutput {
  readonly encoder: KafkaRecordEncoder;
  readonly client: KafkaSinkClient;
  readonly admin: SinkAdmin;
  private readonly roundRobin: RoundRobinPartitions | null;

  constructor(config: KafkaSinkConfig, ctx: OperatorContext, connect: () => KafkaSinkClient) {
    this.encoder = new KafkaRecordEncoder(config, ctx);
    this.roundRobin =
      config.key === 'round-robin' ? new RoundRobinPartitions(config.topic, ctx.now) : null;
    this.client = connect();
    this.admin = this.client.admin();
  }

  /** `records`, each with its partition set when the sink takes partitions in turn. */
  partitioned(records: OutgoingRecord[]): Promise<OutgoingRecord[]> {
    return this.roundRobin ? this.roundRobin.assign(records, this.admin) : Promise.resolve(records);
  }
}
