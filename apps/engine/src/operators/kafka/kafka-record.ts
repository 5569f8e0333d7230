import type { KafkaSourceConfig } from '@weir/contract';
import type { FetchedRecord, TopicPartition } from '../../connectors/kafka/source-client.js';
import type { FlatJsonReader } from '../../core/flat-json.js';

/** What a Kafka source emits per record (documented on `KafkaSourceConfigSchema`). */
export interface KafkaRecord {
  value: unknown;
  key: string | null;
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  headers: Record<string, string>;
}

export type Decoded =
  | { ok: true; record: KafkaRecord; eventTime: number }
  /**
   * `raw`: the record's value as read, which is what the dead letters keep and a replay
   * writes back; the reason says where it was (topic, partition, offset).
   */
  | { ok: false; reason: string; raw: string };

/**
 * Turns a fetched record into what the source emits, with its event time; or says why it
 * cannot (the reason names topic, partition and offset, for the dead letters). Runs once per
 * record: nothing is built for the failure case unless it happens.
 */
export function decodeRecord(
  from: TopicPartition,
  fetched: FetchedRecord,
  config: Pick<KafkaSourceConfig, 'format' | 'eventTime'>,
  reader: FlatJsonReader,
): Decoded {
  // toString() without an encoding is Buffer's direct UTF-8 path.
  const text = fetched.value === null ? null : fetched.value.toString();
  let value: unknown = text;
  // A tombstone (no value) passes as null in either format.
  if (config.format === 'json' && text !== null) {
    try {
      value = reader.object(text) ?? JSON.parse(text);
    } catch (error) {
      return failed(from, fetched, text, `malformed JSON: ${(error as Error).message}`);
    }
  }
  // One literal, always in this order: every record has the same shape (and JSON text).
  const record: KafkaRecord = {
    key: fetched.key === null ? null : fetched.key.toString(),
    topic: from.topic,
    partition: from.partition,
    offset: fetched.offset,
    timestamp: fetched.timestamp,
    headers: fetched.headers,
    value,
  };
  const { eventTime } = config;
  if (eventTime === 'record-timestamp') return { ok: true, record, eventTime: fetched.timestamp };
  const time =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[eventTime.field]
      : undefined;
  if (typeof time !== 'number' || !Number.isFinite(time))
    return failed(from, fetched, text, `event-time field "${eventTime.field}" is not a number`);
  return { ok: true, record, eventTime: time };
}

function failed(
  from: TopicPartition,
  fetched: FetchedRecord,
  text: string | null,
  why: string,
): Decoded {
  return {
    ok: false,
    reason: `${why} (${from.topic}/${from.partition}@${fetched.offset})`,
    raw: text ?? '',
  };
}
