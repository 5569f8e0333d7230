import { type KafkaSinkConfig, KafkaSinkConfigSchema, OperatorSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { FAILOVER_ALLOWANCE_MS } from './kafka-sink.js';
import { KafkaRecordEncoder } from './kafka-sink-records.js';
import { validateOperatorSpec } from './registry.js';

const config = (input: Record<string, unknown> = {}): KafkaSinkConfig =>
  KafkaSinkConfigSchema.parse({ connection: { brokers: ['k:9092'] }, topic: 'out', ...input });

describe('kafka sink at submit', () => {
  const env = (checkpointIntervalMs: number) => ({
    now: () => 0,
    job: { id: 'job', checkpointIntervalMs },
  });
  const sink = (transactionTimeoutMs: number, delivery = 'exactly-once') =>
    OperatorSpecSchema.parse({
      uid: 'out',
      kind: 'kafka-sink',
      config: { connection: { brokers: ['k:9092'] }, topic: 'o', delivery, transactionTimeoutMs },
    });

  it('refuses a transaction timeout shorter than the checkpoint interval plus a failover', () => {
    expect(() => validateOperatorSpec(sink(70_000), env(30_000))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(
          `operator "out": config.transactionTimeoutMs (70000 ms) must cover the checkpoint interval (30000 ms) plus ${FAILOVER_ALLOWANCE_MS} ms`,
        ),
      }),
    );
    expect(() => validateOperatorSpec(sink(90_000), env(30_000))).not.toThrow();
  });

  // No broker listens at k:9092: building the sink to validate it connects to nothing.
  it('asks nothing of the timeout without transactions', () => {
    expect(() => validateOperatorSpec(sink(1000, 'at-least-once'), env(30_000))).not.toThrow();
  });
});

describe('KafkaRecordEncoder', () => {
  const encoderFor = (input: Record<string, unknown>) => {
    const harness = new OperatorHarness({
      open() {},
      processElement() {},
      processWatermark() {},
      snapshotState: () => ({}),
      restoreState() {},
    });
    const deadLetter = (record: unknown, reason: string) =>
      harness.deadLetters.push({ record, reason });
    return { encoder: new KafkaRecordEncoder(config(input), { deadLetter }), harness };
  };

  it('keys by a field, as text, and writes JSON', () => {
    const { encoder } = encoderFor({ key: { field: 'user' } });
    expect(encoder.encode({ user: 'ada', n: 1 })).toEqual([
      { topic: 'out', key: 'ada', value: '{"user":"ada","n":1}' },
    ]);
    expect(encoder.encode({ user: 7 })).toEqual([{ topic: 'out', key: '7', value: '{"user":7}' }]);
  });

  it('sends what it cannot encode to the dead letters and the dead-letter topic', () => {
    const { encoder, harness } = encoderFor({ key: { field: 'user' }, deadLetterTopic: 'dlq' });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(encoder.encode({ n: 1 })).toEqual([
      {
        topic: 'dlq',
        key: null,
        value: JSON.stringify({
          reason: 'kafka sink: the record has no key field "user"',
          record: '{"n":1}',
        }),
      },
    ]);
    expect(encoder.encode(cyclic)[0]?.topic).toBe('dlq');
    expect(harness.deadLetters.map((d) => d.reason)).toEqual([
      'kafka sink: the record has no key field "user"',
      'kafka sink: the record cannot be written as JSON',
    ]);
  });

  it('writes strings as they are with format "string", and drops the rest without a dead-letter topic', () => {
    const { encoder, harness } = encoderFor({ format: 'string' });
    expect(encoder.encode('plain')).toEqual([{ topic: 'out', key: null, value: 'plain' }]);
    expect(encoder.encode({ not: 'a string' })).toEqual([]);
    expect(harness.deadLetters).toHaveLength(1);
  });
});
