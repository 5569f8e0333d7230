import { type OperatorSpec, OperatorSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { createOperator, displayNameOf, validateOperatorSpec } from './registry.js';

const env = { now: () => 0, job: { id: 'job', checkpointIntervalMs: 1000 } };
const spec = (input: unknown): OperatorSpec => OperatorSpecSchema.parse(input);

describe('operator registry', () => {
  it('builds every kind of the catalogue from a spec', () => {
    const specs = [
      { uid: 'a', kind: 'datagen', config: { seed: 1, ratePerSecond: 10 } },
      { uid: 'b', kind: 'parse-json' },
      { uid: 'c', kind: 'map', config: { expression: 'record' } },
      { uid: 'd', kind: 'filter', config: { expression: 'true' } },
      { uid: 'e', kind: 'flat-map', config: { expression: '[record]' } },
      { uid: 'f', kind: 'project', config: { fields: { u: 'record.user' } } },
      {
        uid: 'g',
        kind: 'window',
        config: { timeField: 'ts', window: { kind: 'session', gapMs: 5 } },
      },
      { uid: 'h', kind: 'tumbling-count', config: { keyField: 'u', timeField: 'ts', sizeMs: 5 } },
      { uid: 'i', kind: 'dedupe', config: { ttlMs: 5 } },
      { uid: 'j', kind: 'union' },
      {
        uid: 'k',
        kind: 'interval-join',
        config: { leftTimeField: 't', rightTimeField: 't', lowerBoundMs: 0, upperBoundMs: 1 },
      },
      { uid: 'l', kind: 'blackhole' },
      { uid: 'm', kind: 'recent-results' },
      { uid: 'n', kind: 'file-sink', config: { path: '/tmp/x' } },
      { uid: 'o', kind: 'log' },
      { uid: 'p', kind: 'kafka-sink', config: { connection: { brokers: ['k:9092'] }, topic: 'o' } },
    ].map(spec);
    for (const s of specs) expect(typeof createOperator(s, env).processElement).toBe('function');
    expect(displayNameOf(specs[6] as OperatorSpec)).toBe('session window count');
  });

  it('rejects a bad expression at validation, naming the operator and the expression', () => {
    const bad = spec({ uid: 'clean', kind: 'project', config: { fields: { u: 'record.' } } });
    expect(() => validateOperatorSpec(bad, env)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        domain: 'user',
        message: expect.stringContaining('operator "clean": invalid expression "record."'),
      }),
    );
  });

  it('accepts a per-operator parallelism and rejects a non-positive one', () => {
    expect(spec({ uid: 'a', kind: 'union', parallelism: 3 }).parallelism).toBe(3);
    expect(OperatorSpecSchema.safeParse({ uid: 'a', kind: 'union', parallelism: 0 }).success).toBe(
      false,
    );
  });
});
