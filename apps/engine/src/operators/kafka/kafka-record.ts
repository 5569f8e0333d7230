import type { KafkaSourceConfig } from '@weir/contract';
import type { FetchedRecord, TopicPartition } from '../../connectors/kafka/source-client.js';

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
  | { ok: false; reason: string; raw: unknown };

/**
 * Turns a fetched record into what the source emits, with its event time; or says why it
 * cannot (the reason names topic, partition and offset, for the dead letters).
 */
export function decodeRecord(
  from: TopicPartition,
  fetched: FetchedRecord,
  config: Pick<KafkaSourceConfig, 'format' | 'eventTime'>,
): Decoded {
  const text = fetched.value?.toString('utf8') ?? null;
  const base = {
    key: fetched.key?.toString('utf8') ?? null,
    topic: from.topic,
    partition: from.partition,
    offset: fetched.offset,
    timestamp: fetched.timestamp,
    headers: fetched.headers,
  };
  const at = `${from.topic}/${from.partition}@${fetched.offset}`;
  const failed = (why: string): Decoded => ({
    ok: false,
    reason: `${why} (${at})`,
    raw: { ...base, value: text },
  });
  let value: unknown = text;
  // A tombstone (no value) passes as null in either format.
  if (config.format === 'json' && text !== null) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return failed(`malformed JSON: ${(error as Error).message}`);
    }
  }
  const record = { ...base, value };
  if (config.eventTime === 'record-timestamp')
    return { ok: true, record, eventTime: fetched.timestamp };
  const { field } = config.eventTime;
  const time =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[field]
      : undefined;
  if (typeof time !== 'number' || !Number.isFinite(time))
    return failed(`event-time field "${field}" is not a number`);
  return { ok: true, record, eventTime: time };
}
