import { afterAll, beforeAll } from 'vitest';

/** A test broker that also accepts SASL PLAIN for one user, on `saslBrokers`. */
export interface SaslKafka {
  /** PLAINTEXT, for the test's own admin work. */
  brokers: string[];
  saslBrokers: string[];
  stop(): Promise<void>;
}

interface Services {
  startKafka(options: { sasl: { username: string; password: string } }): Promise<SaslKafka>;
}

const SERVICES = new URL('../../../scripts/services/index.mjs', import.meta.url).href;

/** Started before the calling file's tests, stopped after them. */
export function saslKafkaPerFile(user: { username: string; password: string }): () => SaslKafka {
  let broker: SaslKafka | undefined;
  beforeAll(async () => {
    broker = await ((await import(SERVICES)) as Services).startKafka({ sasl: user });
  }, 180_000);
  afterAll(async () => {
    await broker?.stop();
  });
  return () => {
    if (!broker) throw new Error('the test broker is not running (used outside a test?)');
    return broker;
  };
}
