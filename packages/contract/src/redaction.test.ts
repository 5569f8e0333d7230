import { describe, expect, it } from 'vitest';
import { KafkaConnectionSchema } from './kafka-connection.js';
import { isSecretReference, REDACTED, redactedFields, redactSecrets } from './redaction.js';

describe('redactSecrets', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    expect(
      redactSecrets({
        username: 'ann',
        password: 'hunter2-hunter2',
        nested: [{ apiToken: 'weir_x', clientSecret: 's', note: 'ok' }],
        count: 3,
      }),
    ).toEqual({
      username: 'ann',
      password: REDACTED,
      nested: [{ apiToken: REDACTED, clientSecret: REDACTED, note: 'ok' }],
      count: 3,
    });
    expect(redactSecrets(undefined)).toBeUndefined();
    expect(redactSecrets('text')).toBe('text');
  });

  it('keeps references to secrets ({ env }, { file }) and redacts every literal value', () => {
    const spec = {
      operators: [
        {
          uid: 'in',
          config: {
            connection: KafkaConnectionSchema.parse({
              brokers: ['k:9093'],
              tls: { caFile: '/secrets/ca.pem' },
              sasl: { mechanism: 'scram-sha-256', username: 'weir', password: { env: 'KAFKA_PW' } },
            }),
          },
        },
        { uid: 'out', config: { sasl: { password: { file: '/secrets/kafka-password' } } } },
        { uid: 'custom', config: { password: 'hunter2-literal', apiToken: 12345 } },
      ],
    };
    const redacted = redactSecrets(spec) as typeof spec;
    // References stay as they are, so an exported spec runs again without retyping them.
    expect(redacted.operators[0]).toEqual(spec.operators[0]);
    expect(redacted.operators[1]).toEqual(spec.operators[1]);
    expect(redacted.operators[2]?.config).toEqual({ password: REDACTED, apiToken: REDACTED });
    expect(redactedFields(redacted)).toEqual([
      'operators[2].config.password',
      'operators[2].config.apiToken',
    ]);
    expect(JSON.stringify(redacted)).not.toContain('hunter2-literal');
  });

  it('redacts whatever only looks like a reference', () => {
    const literals = [
      { env: 'KAFKA_PW', value: 'hunter2-beside-a-reference' },
      { file: '/secrets/p', password: 'hunter2-nested' },
      { env: 'not a variable name hunter2' },
      { file: '' },
      { file: 42 },
      { value: 'hunter2-in-an-object' },
      ['hunter2-in-a-list'],
      { env: { env: 'NESTED' } },
    ];
    for (const literal of literals) {
      expect(isSecretReference(literal)).toBe(false);
      expect(redactSecrets({ password: literal })).toEqual({ password: REDACTED });
    }
    expect(JSON.stringify(redactSecrets({ secret: literals }))).not.toContain('hunter2');
  });
});

describe('redactedFields', () => {
  it('names each secret still holding the placeholder, and nothing else', () => {
    const redacted = redactSecrets({
      operators: [{ uid: 'a', config: { password: 'p', topic: 't' } }, { uid: 'b' }],
      token: 'x',
    });
    expect(redactedFields(redacted)).toEqual(['operators[0].config.password', 'token']);
    expect(redactedFields({ password: 'typed in again', note: REDACTED })).toEqual([]);
    expect(redactedFields(null)).toEqual([]);
  });
});
