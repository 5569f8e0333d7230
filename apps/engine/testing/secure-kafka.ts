import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

/** A user the test broker accepts, with the SASL mechanism it authenticates by. */
export interface KafkaUser {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

/**
 * A test broker with SASL and TLS listeners besides its PLAINTEXT one: every mechanism the
 * Kafka connection settings offer, proven against a real broker by one broker start.
 */
export interface SecureKafka {
  /** PLAINTEXT, for the test's own admin work. */
  brokers: string[];
  /** SASL_PLAINTEXT: PLAIN and SCRAM. */
  saslBrokers: string[];
  /** SASL_SSL: PLAIN and SCRAM over TLS, the certificate signed by `caFile`'s private CA. */
  tlsBrokers: string[];
  /** The private CA's certificate (PEM), for `tls: { caFile }`. */
  caFile: string;
  /** A folder of the test's own, removed with the broker: secrets files may go here. */
  dir: string;
}

interface ServiceBroker {
  brokers: string[];
  saslBrokers: string[];
  tlsBrokers: string[];
  stop(): Promise<void>;
}

interface Services {
  startKafka(options: {
    sasl?: { username: string; password: string };
    scram?: Array<{
      mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
      username: string;
      password: string;
    }>;
    tls?: { keystoreFile: string };
  }): Promise<ServiceBroker>;
}

const SERVICES = new URL('../../../scripts/services/index.mjs', import.meta.url).href;
const run = promisify(execFile);

/**
 * A private CA and a broker certificate it signed for 127.0.0.1 (openssl, into `dir`): the
 * CA's certificate for clients (`ca.pem`) and the broker's PEM keystore (unencrypted PKCS#8
 * key, then its certificate chain) for `ssl.keystore.type=PEM`.
 */
export async function testCertificates(
  dir: string,
): Promise<{ caFile: string; keystoreFile: string }> {
  const at = (name: string) => path.join(dir, name);
  const days = ['-days', '2'];
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-subj',
    '/CN=weir-test-ca',
    ...days,
  ]);
  await run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('broker.key'),
    '-out',
    at('broker.csr'),
    '-subj',
    '/CN=127.0.0.1',
  ]);
  await writeFile(
    at('broker.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    at('broker.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('broker.pem'),
    '-extfile',
    at('broker.ext'),
    ...days,
  ]);
  const pems = await Promise.all(
    ['broker.key', 'broker.pem', 'ca.pem'].map((f) => readFile(at(f), 'utf8')),
  );
  await writeFile(at('broker-keystore.pem'), pems.join(''));
  return { caFile: at('ca.pem'), keystoreFile: at('broker-keystore.pem') };
}

/**
 * One broker for the calling file, started before its tests and stopped after them, that
 * accepts each of `users` (at most one `plain`) on its SASL listeners, TLS included.
 */
export function secureKafkaPerFile(users: KafkaUser[]): () => SecureKafka {
  let broker: ServiceBroker | undefined;
  let secure: SecureKafka | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'weir-secure-kafka-'));
    const { caFile, keystoreFile } = await testCertificates(dir);
    const plain = users.find((u) => u.mechanism === 'plain');
    const scram = users
      .filter((u) => u.mechanism !== 'plain')
      .map(({ mechanism, username, password }) => ({
        mechanism: mechanism.toUpperCase() as 'SCRAM-SHA-256' | 'SCRAM-SHA-512',
        username,
        password,
      }));
    broker = await ((await import(SERVICES)) as Services).startKafka({
      sasl: plain ? { username: plain.username, password: plain.password } : undefined,
      scram,
      tls: { keystoreFile },
    });
    secure = { ...broker, caFile, dir };
  }, 180_000);
  afterAll(async () => {
    await broker?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (!secure) throw new Error('the test broker is not running (used outside a test?)');
    return secure;
  };
}
