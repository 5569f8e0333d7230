import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KafkaConnectionSchema, type SecretRef } from '@weir/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaTopics } from '../../../testing/kafka-topics.js';
import { saslKafkaPerFile } from '../../../testing/sasl-kafka.js';
import { createKafkaSourceClient } from './kafkajs-source-client.js';

const user = { username: 'weir', password: 'weir-test-secret' };
const kafka = saslKafkaPerFile(user);
const PASSWORD_VARIABLE = 'WEIR_TEST_KAFKA_PASSWORD';

let secretsDir: string | undefined;
afterEach(async () => {
  delete process.env[PASSWORD_VARIABLE];
  if (secretsDir) await rm(secretsDir, { recursive: true, force: true });
});

function clientWith(password: SecretRef) {
  const connection = KafkaConnectionSchema.parse({
    brokers: kafka().saslBrokers,
    sasl: { mechanism: 'plain', username: user.username, password },
    connectionTimeoutMs: 3000,
  });
  return createKafkaSourceClient(connection, 'connection');
}

describe('SASL PLAIN settings against a broker that requires them', () => {
  it('connect with the password from an environment variable or a secrets file', async () => {
    const topic = `weir-sasl-${Date.now()}`;
    await new KafkaTopics(kafka().brokers).create(topic, 2);
    process.env[PASSWORD_VARIABLE] = user.password;
    secretsDir = await mkdtemp(path.join(tmpdir(), 'weir-secrets-'));
    const file = path.join(secretsDir, 'kafka-password');
    await writeFile(file, `${user.password}\n`);
    for (const ref of [{ env: PASSWORD_VARIABLE }, { file }]) {
      const client = clientWith(ref);
      try {
        expect(await client.partitions({ topics: [topic] })).toHaveLength(2);
      } finally {
        await client.close();
      }
    }
  });

  it('are refused with a wrong password', async () => {
    process.env[PASSWORD_VARIABLE] = 'not-the-password';
    const client = clientWith({ env: PASSWORD_VARIABLE });
    try {
      await expect(client.partitions({ topics: ['any'] })).rejects.toThrow(
        /SASL|[Aa]uthentication/,
      );
    } finally {
      await client.close();
    }
  });
});
