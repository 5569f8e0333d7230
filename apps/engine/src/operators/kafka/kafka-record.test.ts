import { describe, expect, it } from 'vitest';
import type { FetchedRecord } from '../../connectors/kafka/source-client.js';
import { FlatJsonReader } from '../../core/flat-json.js';
import { decodeRecord } from './kafka-record.js';

const fetched = (value: string | null, overrides: Partial<FetchedRecord> = {}): FetchedRecord => ({
  offset: 7,
  timestamp: 1_000,
  key: Buffer.from('k1'),
  value: value === null ? null : Buffer.from(value),
  headers: { trace: 't-1' },
  ...overrides,
});
const from = { topic: 'orders', partition: 2 };
const reader = new FlatJsonReader();
const decode = (...args: [typeof from, FetchedRecord, Parameters<typeof decodeRecord>[2]]) =>
  decodeRecord(...args, reader);

describe('decodeRecord', () => {
  it('emits the parsed value with its key, headers and place in the log', () => {
    expect(
      decode(from, fetched('{"n":1}'), { format: 'json', eventTime: 'record-timestamp' }),
    ).toEqual({
      ok: true,
      eventTime: 1_000,
      record: {
        value: { n: 1 },
        key: 'k1',
        topic: 'orders',
        partition: 2,
        offset: 7,
        timestamp: 1_000,
        headers: { trace: 't-1' },
      },
    });
  });

  it('keeps text as it is in format "string", and a tombstone as a null value', () => {
    const text = decode(from, fetched('{oops'), {
      format: 'string',
      eventTime: 'record-timestamp',
    });
    expect(text).toMatchObject({ ok: true, record: { value: '{oops' } });
    const tombstone = decode(from, fetched(null), {
      format: 'json',
      eventTime: 'record-timestamp',
    });
    expect(tombstone).toMatchObject({ ok: true, record: { value: null } });
  });

  it('names partition and offset when the value is not JSON or has no event time', () => {
    expect(
      decode(from, fetched('{oops'), { format: 'json', eventTime: 'record-timestamp' }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^malformed JSON: .* \(orders\/2@7\)$/),
      raw: '{oops',
    });
    expect(
      decode(from, fetched('{"ts":"x"}'), { format: 'json', eventTime: { field: 'ts' } }),
    ).toMatchObject({
      ok: false,
      reason: 'event-time field "ts" is not a number (orders/2@7)',
    });
    expect(
      decode(from, fetched('{"ts":42}'), { format: 'json', eventTime: { field: 'ts' } }),
    ).toMatchObject({
      ok: true,
      eventTime: 42,
    });
  });
});
