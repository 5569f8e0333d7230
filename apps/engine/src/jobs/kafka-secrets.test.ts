import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JobSpecSchema, KafkaConnectionSchema } from '@weir/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareKafkaConnection } from './kafka-secrets.js';
import { prepareJobSpec } from './prepare-job-spec.js';

let secrets: string;
beforeEach(async () => {
  secrets = await mkdtemp(path.join(tmpdir(), 'weir-secrets-'));
});
afterEach(async () => {
  await rm(secrets, { recursive: true, force: true });
});

const FIELD = 'operators[0].config.connection';
const connection = (extra: object) =>
  KafkaConnectionSchema.parse({ brokers: ['kafka:9092'], ...extra });
const sasl = (password: object) => ({ sasl: { mechanism: 'plain', username: 'weir', password } });

describe('prepareKafkaConnection', () => {
  it('makes secret files absolute under the secrets folder', () => {
    const prepared = prepareKafkaConnection(
      connection({ ...sasl({ file: 'kafka/password' }), tls: { caFile: 'ca.pem' } }),
      FIELD,
      secrets,
    );
    expect(prepared.sasl?.password).toEqual({ file: path.join(secrets, 'kafka/password') });
    expect(prepared.tls).toEqual({
      caFile: path.join(secrets, 'ca.pem'),
      rejectUnauthorized: true,
    });
  });

  it('refuses files outside the secrets folder, naming the field', () => {
    expect(() =>
      prepareKafkaConnection(connection(sasl({ file: '/etc/shadow' })), FIELD, secrets),
    ).toThrow(
      /^operators\[0\]\.config\.connection\.sasl\.password\.file: \/etc\/shadow lies outside/,
    );
    expect(() =>
      prepareKafkaConnection(connection({ tls: { caFile: '../ca.pem' } }), FIELD, secrets),
    ).toThrow(/^operators\[0\]\.config\.connection\.tls\.caFile: /);
  });

  it('refuses an environment variable that is not set, and keeps one that is', () => {
    expect(() =>
      prepareKafkaConnection(connection(sasl({ env: 'WEIR_TEST_UNSET_SECRET' })), FIELD, secrets),
    ).toThrow(
      'operators[0].config.connection.sasl.password: environment variable WEIR_TEST_UNSET_SECRET is not set',
    );
    process.env.WEIR_TEST_SET_SECRET = 'x';
    try {
      const ref = { env: 'WEIR_TEST_SET_SECRET' };
      expect(prepareKafkaConnection(connection(sasl(ref)), FIELD, secrets).sasl?.password).toEqual(
        ref,
      );
    } finally {
      delete process.env.WEIR_TEST_SET_SECRET;
    }
  });

  it('is what a submitted Kafka source goes through', async () => {
    const spec = JobSpecSchema.parse({
      id: 'k',
      name: 'k',
      checkpointing: { intervalMs: 1000 },
      operators: [
        {
          uid: 'in',
          kind: 'kafka-source',
          config: {
            connection: { brokers: ['kafka:9092'], ...sasl({ env: 'WEIR_TEST_UNSET_SECRET' }) },
            topics: ['t'],
          },
        },
      ],
      edges: [],
    });
    const env = { now: () => 0, operatorsDir: null, fileSinkRoot: secrets, secretsDir: secrets };
    await expect(prepareJobSpec(spec, env)).rejects.toThrow(
      /^operators\[0\]\.config\.connection\.sasl\.password: environment variable/,
    );
  });
});
