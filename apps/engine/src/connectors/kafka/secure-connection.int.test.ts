import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  type JobSpec,
  JobSpecSchema,
  KafkaConnectionSchema,
  redactSecrets,
  type SecretRef,
} from '@weir/contract';
import { Kafka } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { KafkaTopics } from '../../../testing/kafka-topics.js';
import { MasterHarness } from '../../../testing/master-harness.js';
import { readCommitted } from '../../../testing/read-committed.js';
import { type KafkaUser, secureKafkaPerFile } from '../../../testing/secure-kafka.js';
import { waitFor } from '../../../testing/wait-for.js';
import { explainKafkaError, kafkaConfig } from './connection.js';
import { kafkajsSinkClient } from './kafkajs-sink-client.js';
import { createKafkaSourceClient } from './kafkajs-source-client.js';

const plain: KafkaUser = { mechanism: 'plain', username: 'weir', password: 'weir-plain-secret' };
const scram256: KafkaUser = {
  mechanism: 'scram-sha-256',
  username: 'weir-256',
  password: 'weir-scram-256-secret',
};
const scram512: KafkaUser = {
  mechanism: 'scram-sha-512',
  username: 'weir-512',
  password: 'weir-scram-512-secret',
};
type KafkaConnectionInput = z.input<typeof KafkaConnectionSchema>;
const WRONG = 'not-the-password-at-all';
const SECRETS = [plain.password, scram256.password, scram512.password, WRONG];

/** One broker for the whole file: PLAINTEXT, SASL_PLAINTEXT and SASL_SSL listeners. */
const kafka = secureKafkaPerFile([plain, scram256, scram512]);
const harness = MasterHarness.perTest();

const VARIABLES = ['WEIR_TEST_KAFKA_PASSWORD', 'WEIR_TEST_SCRAM_256', 'WEIR_TEST_SCRAM_512'];
afterEach(() => {
  for (const name of VARIABLES) delete process.env[name];
});

/** A connection over SASL_SSL (the private CA trusted), or SASL_PLAINTEXT without `tls`. */
function connectionOf(user: KafkaUser, password: SecretRef, tls = true): KafkaConnectionInput {
  return {
    brokers: tls ? kafka().tlsBrokers : kafka().saslBrokers,
    ...(tls ? { tls: { caFile: kafka().caFile } } : {}),
    sasl: { mechanism: user.mechanism, username: user.username, password },
    connectionTimeoutMs: 3000,
  };
}

const FIELD = 'connection';
const sourceClient = (connection: KafkaConnectionInput) =>
  createKafkaSourceClient(KafkaConnectionSchema.parse(connection), FIELD);

/** The error `work` fails with; fails the test if it succeeds. */
async function errorOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** `text` names no password of the test's users, nor the wrong one. */
function expectNoSecretIn(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('SASL and TLS settings against a broker that requires them', () => {
  it('PLAIN: connect with the password from an environment variable or a secrets file', async () => {
    const topic = `weir-sasl-${Date.now()}`;
    await new KafkaTopics(kafka().brokers).create(topic, 2);
    process.env.WEIR_TEST_KAFKA_PASSWORD = plain.password;
    const file = path.join(kafka().dir, 'kafka-password');
    await writeFile(file, `${plain.password}\n`);
    for (const ref of [{ env: 'WEIR_TEST_KAFKA_PASSWORD' }, { file }]) {
      for (const tls of [false, true]) {
        const client = sourceClient(connectionOf(plain, ref, tls));
        try {
          expect(await client.partitions({ topics: [topic] })).toHaveLength(2);
        } finally {
          await client.close();
        }
      }
    }
  });

  it('SCRAM-SHA-256 and SCRAM-SHA-512 over TLS with a private CA, for sources and sinks', async () => {
    const topic = `weir-scram-${Date.now()}`;
    await new KafkaTopics(kafka().brokers).create(topic, 3);
    process.env.WEIR_TEST_SCRAM_256 = scram256.password;
    process.env.WEIR_TEST_SCRAM_512 = scram512.password;
    for (const [user, env] of [
      [scram256, 'WEIR_TEST_SCRAM_256'],
      [scram512, 'WEIR_TEST_SCRAM_512'],
    ] as const) {
      const connection = KafkaConnectionSchema.parse(connectionOf(user, { env }));
      const source = createKafkaSourceClient(connection, FIELD);
      const sinkAdmin = kafkajsSinkClient(connection, FIELD).admin();
      try {
        expect(await source.partitions({ topics: [topic] })).toHaveLength(3);
        expect(await sinkAdmin.partitionCount(topic)).toBe(3);
      } finally {
        await Promise.all([source.close(), sinkAdmin.close()]);
      }
    }
  });

  it('refuses a wrong password with an error naming the field, never the password', async () => {
    process.env.WEIR_TEST_SCRAM_256 = WRONG;
    for (const tls of [true, false]) {
      const client = sourceClient(connectionOf(scram256, { env: 'WEIR_TEST_SCRAM_256' }, tls));
      try {
        const error = await errorOf(client.partitions({ topics: ['any'] }));
        expect(error.message).toContain('connection.sasl.password: the brokers refused user');
        expect(error.message).toContain('environment variable WEIR_TEST_SCRAM_256');
        expect(error.message).toContain('scram-sha-256');
        // Everything a log line of the error would hold, its cause included.
        expectNoSecretIn(inspect(error, { depth: null }));
      } finally {
        await client.close();
      }
    }
  });

  it('refuses brokers whose certificate is not trusted, naming tls.caFile', async () => {
    process.env.WEIR_TEST_SCRAM_256 = scram256.password;
    const untrusted = { ...connectionOf(scram256, { env: 'WEIR_TEST_SCRAM_256' }), tls: true };
    // The client createKafka makes, but without retries: kafkajs would try a refused
    // handshake again for 10 s. (The SASL tests above go through createKafka itself.)
    const connection = KafkaConnectionSchema.parse(untrusted);
    const admin = new Kafka({ ...kafkaConfig(connection, FIELD), retry: { retries: 0 } }).admin();
    try {
      const error = await errorOf(
        admin.connect().catch((e: unknown) => {
          throw explainKafkaError(e, connection, FIELD);
        }),
      );
      expect(error.message).toContain('connection.tls: the TLS handshake with the brokers failed');
      expect(error.message).toContain('set connection.tls.caFile');
    } finally {
      await admin.disconnect();
    }
  });
});

/** Kafka → Kafka (exactly-once), the source as the SCRAM-SHA-256 user, the sink as the 512 one. */
function secureJob(input: string, output: string, sourcePassword: SecretRef): JobSpec {
  return JobSpecSchema.parse({
    id: `secure-${input}`,
    name: 'Kafka over SASL_SSL',
    parallelism: 2,
    checkpointing: { intervalMs: 200 },
    restartStrategy: { type: 'none' },
    operators: [
      {
        uid: 'in',
        kind: 'kafka-source',
        config: { connection: connectionOf(scram256, sourcePassword), topics: [input] },
      },
      {
        uid: 'out',
        kind: 'kafka-sink',
        config: {
          connection: connectionOf(scram512, { env: 'WEIR_TEST_SCRAM_512' }),
          topic: output,
          delivery: 'exactly-once',
          transactionTimeoutMs: 120_000,
        },
      },
    ],
    edges: [{ from: 'in', to: 'out' }],
  });
}

describe('a job reading and writing Kafka over SASL_SSL with SCRAM', () => {
  it('moves every record, exactly once, and its spec view keeps the secret references', async () => {
    const stamp = Date.now();
    const [input, output] = [`weir-secure-in-${stamp}`, `weir-secure-out-${stamp}`];
    const topics = new KafkaTopics(kafka().brokers);
    await topics.create(input, 2);
    await topics.create(output, 2);
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    await topics.produce(
      input,
      0,
      ids.slice(0, 100).map((id) => ({ id })),
    );
    await topics.produce(
      input,
      1,
      ids.slice(100).map((id) => ({ id })),
    );
    process.env.WEIR_TEST_SCRAM_256 = scram256.password;
    process.env.WEIR_TEST_SCRAM_512 = scram512.password;

    const spec = secureJob(input, output, { env: 'WEIR_TEST_SCRAM_256' });
    const job = harness().master(spec);
    await job.start({ restore: null, firstCheckpointId: 1 });
    const seen = await waitFor('every record, committed, in the output topic', async () => {
      const values = await readCommitted(kafka().brokers, output);
      return values.length >= ids.length ? values : null;
    });
    expect(seen.map((v) => (JSON.parse(v) as { value: { id: string } }).value.id).sort()).toEqual(
      [...ids].sort(),
    );
    expect(job.status).toBe('RUNNING');

    const view = redactSecrets(spec) as JobSpec;
    expect(view).toEqual(spec);
    expectNoSecretIn(JSON.stringify(view));
  });

  it.each([
    {
      side: 'source',
      wrong: 'WEIR_TEST_SCRAM_256',
      field: 'kafka source "in": connection.sasl.password: the brokers refused user "weir-256"',
    },
    {
      side: 'sink',
      wrong: 'WEIR_TEST_SCRAM_512',
      field: 'operator "out": config.connection.sasl.password: the brokers refused user "weir-512"',
    },
  ])(
    'fails with a wrong password for its $side: the error names the field, nothing shows the password',
    async ({ wrong, field }) => {
      const stamp = Date.now();
      const [input, output] = [`weir-secure-in-${stamp}`, `weir-secure-out-${stamp}`];
      const topics = new KafkaTopics(kafka().brokers);
      await topics.create(input, 1);
      await topics.create(output, 1);
      // The sink only connects to commit: give it something to write.
      await topics.produce(input, 0, [{ id: 'a' }, { id: 'b' }]);
      process.env.WEIR_TEST_SCRAM_256 = scram256.password;
      process.env.WEIR_TEST_SCRAM_512 = scram512.password;
      process.env[wrong] = WRONG;

      const spec = secureJob(input, output, { env: 'WEIR_TEST_SCRAM_256' });
      const job = harness().master(spec);
      await job.start({ restore: null, firstCheckpointId: 1 });
      await job.whenTerminated();
      expect(job.status).toBe('FAILED');
      const exceptions = job.exceptions.toArray();
      expect(exceptions.map((e) => e.message)).toContainEqual(expect.stringContaining(field));
      expectNoSecretIn(JSON.stringify(exceptions));
      expectNoSecretIn(JSON.stringify(redactSecrets(spec)));
      expect(await readCommitted(kafka().brokers, output)).toEqual([]);
    },
  );
});
