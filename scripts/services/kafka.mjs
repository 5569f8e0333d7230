import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { makeTempDir, removeTempDir } from './cleanup.mjs';
import { ensureJars } from './jars.mjs';
import { JAVA, javaArgs, writeProperties } from './java.mjs';
import { freePorts } from './ports.mjs';
import {
  log,
  retryIfAddressInUse,
  run,
  secondsSince,
  spawnService,
  waitUntilReady,
} from './process.mjs';

/**
 * @param {number} port
 * @param {number} controllerPort
 * @param {string} logDir
 */
function serverProperties(port, controllerPort, logDir) {
  return {
    // Single-node KRaft: one process is both broker and controller.
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'num.network.threads': 2,
    'num.io.threads': 4,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    // The internal topics default to replication factor 3, which one broker
    // cannot satisfy: consumer groups and transactions would never work.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    // Consumers in tests should get their partitions at once, not after 3 s.
    'group.initial.rebalance.delay.ms': 0,
    // Small segments and cleaner buffer: test data is tiny and the heap is too.
    'log.segment.bytes': 8 * 1024 * 1024,
    'offsets.topic.segment.bytes': 8 * 1024 * 1024,
    'transaction.state.log.segment.bytes': 8 * 1024 * 1024,
    'log.index.size.max.bytes': 1024 * 1024,
    'log.cleaner.dedupe.buffer.size': 8 * 1024 * 1024,
  };
}

/**
 * @typedef {object} ScramUser
 * @property {'SCRAM-SHA-256' | 'SCRAM-SHA-512'} mechanism
 * @property {string} username
 * @property {string} password
 */

/**
 * @typedef {object} SecureOptions
 * @property {{ username: string, password: string }} [sasl] one user for the PLAIN mechanism
 * @property {ScramUser[]} [scram] SCRAM users, created when the storage is formatted (KRaft
 *   has no ZooKeeper to add them to before the broker starts)
 * @property {{ keystoreFile: string }} [tls] a PEM file with the broker's private key (PKCS#8,
 *   unencrypted) and certificate chain: adds a SASL_SSL listener
 */

/**
 * Adds a SASL_PLAINTEXT listener on `port`, and with `tls` a SASL_SSL one on `tlsPort`, to
 * `properties`, each accepting PLAIN (for `sasl`'s one user) and the SCRAM mechanisms of the
 * `scram` users, so that clients can prove their SASL and TLS settings against a test broker.
 * @param {Record<string, string | number>} properties from `serverProperties`
 * @param {number} port
 * @param {number | null} tlsPort
 * @param {SecureOptions} secure
 */
function addSecureListeners(properties, port, tlsPort, { sasl, scram = [], tls }) {
  const mechanisms = [...(sasl ? ['PLAIN'] : []), ...new Set(scram.map((user) => user.mechanism))];
  const listeners = [
    { name: 'SASL_PLAINTEXT', port },
    ...(tls && tlsPort ? [{ name: 'SASL_SSL', port: tlsPort }] : []),
  ];
  const added = listeners.map(({ name, port }) => `${name}://127.0.0.1:${port}`).join(',');
  Object.assign(properties, {
    listeners: `${properties.listeners},${added}`,
    'advertised.listeners': `${properties['advertised.listeners']},${added}`,
    'listener.security.protocol.map': `${properties['listener.security.protocol.map']},${listeners
      .map(({ name }) => `${name}:${name}`)
      .join(',')}`,
    'sasl.enabled.mechanisms': mechanisms.join(','),
  });
  for (const { name } of listeners) {
    const prefix = `listener.name.${name.toLowerCase()}`;
    if (sasl)
      properties[`${prefix}.plain.sasl.jaas.config`] =
        `org.apache.kafka.common.security.plain.PlainLoginModule required user_${sasl.username}="${sasl.password}";`;
    for (const mechanism of new Set(scram.map((user) => user.mechanism)))
      properties[`${prefix}.${mechanism.toLowerCase()}.sasl.jaas.config`] =
        'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  }
  if (tls) {
    Object.assign(properties, {
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': tls.keystoreFile,
    });
  }
}

/**
 * `kafka-storage format` arguments that create the SCRAM users with the cluster's metadata.
 * @param {ScramUser[]} users
 * @returns {string[]}
 */
function scramFormatArgs(users) {
  return users.flatMap(({ mechanism, username, password }) => [
    '--add-scram',
    `${mechanism}=[name=${username},password=${password}]`,
  ]);
}

/**
 * What `kafka.tools.StorageTool random-uuid` prints (16 random bytes in URL-safe
 * base64, never starting with '-'), made here to save a JVM start per broker.
 * @returns {string}
 */
function randomClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * @typedef {object} KafkaBroker
 * @property {string[]} brokers `['127.0.0.1:<port>']`, for kafkajs `brokers`
 * @property {string[]} saslBrokers the SASL_PLAINTEXT listener's, when started with `sasl` or `scram` (else empty)
 * @property {string[]} tlsBrokers the SASL_SSL listener's, when started with `tls` (else empty)
 * @property {number} port
 * @property {number} pid
 * @property {string} dir folder with server.properties, data and kafka.log (temporary unless kept)
 * @property {() => Promise<void>} stop SIGTERM (SIGKILL after 15 s), then removes `dir` unless it is kept
 */

/**
 * Starts a single-node KRaft Kafka on free loopback ports and waits until a
 * client can describe the cluster and use consumer groups and transactions.
 * With `dir`, the broker keeps its data there across starts (`npm start --
 * --kafka`) and `stop` leaves it; without, it lives in a temporary folder.
 * With `ports` ([broker, controller]), it listens there instead of on free
 * ports, so a broker restarted on its kept `dir` is where its clients left it.
 * With `sasl` (a PLAIN user) or `scram` (SCRAM users), it also listens for SASL_PLAINTEXT on
 * another free port (`saslBrokers`); with `tls` besides, for SASL_SSL on a third
 * (`tlsBrokers`). The PLAINTEXT listener stays, for the caller's own admin work.
 * @param {{ timeoutMs?: number, dir?: string, ports?: [number, number] } & SecureOptions} [options]
 * @returns {Promise<KafkaBroker>}
 */
export async function startKafka({
  timeoutMs = 90_000,
  dir: keptDir,
  ports,
  sasl,
  scram = [],
  tls,
} = {}) {
  const jars = await ensureJars();
  return retryIfAddressInUse(async () => {
    const started = Date.now();
    const dir = keptDir ?? makeTempDir('weir-kafka-');
    const discard = keptDir ? async () => {} : () => removeTempDir(dir);
    try {
      mkdirSync(dir, { recursive: true });
      const [port, controllerPort] = ports ?? /** @type {[number, number]} */ (await freePorts(2));
      const config = join(dir, 'server.properties');
      const properties = serverProperties(port, controllerPort, join(dir, 'data'));
      const secure = sasl !== undefined || scram.length > 0;
      const [saslPort = null, tlsPort = null] = secure ? await freePorts(tls ? 2 : 1) : [];
      if (saslPort) addSecureListeners(properties, saslPort, tlsPort, { sasl, scram, tls });
      writeProperties(config, properties);
      // Formatted once: a kept broker starts again on its own data.
      if (!existsSync(join(dir, 'data', 'meta.properties'))) {
        const format = ['format', '-t', randomClusterId(), '-c', config, ...scramFormatArgs(scram)];
        const storageTool = javaArgs('kafka.tools.StorageTool', format, {
          jarsDir: jars,
          workDir: dir,
          heap: '256m',
        });
        await run(JAVA, storageTool, { timeoutMs: 60_000 });
      }
      const args = javaArgs('kafka.Kafka', [config], { jarsDir: jars, workDir: dir, heap: '1g' });
      const service = await spawnService(JAVA, args, { logFile: join(dir, 'kafka.log') });
      const brokers = [`127.0.0.1:${port}`];
      await waitUntilReady(service, 'Kafka', () => readyForClients(brokers), timeoutMs);
      log(`Kafka ready on ${brokers[0]} in ${secondsSince(started)} s (pid ${service.pid})`);
      return {
        brokers,
        saslBrokers: saslPort ? [`127.0.0.1:${saslPort}`] : [],
        tlsBrokers: tlsPort ? [`127.0.0.1:${tlsPort}`] : [],
        port,
        pid: service.pid,
        dir,
        async stop() {
          await service.stop(15_000);
          await discard();
        },
      };
    } catch (error) {
      await discard();
      throw error;
    }
  });
}

/**
 * True once the broker answers and its group and transaction coordinators work.
 * Kafka creates the topics behind those coordinators on first use; doing that
 * here keeps the wait, and kafkajs' error logs while it retries, out of tests.
 * @param {string[]} brokers
 * @returns {Promise<boolean>}
 */
async function readyForClients(brokers) {
  const kafka = new Kafka({
    clientId: 'weir-services-probe',
    brokers,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
    // Refused connections are expected while the broker starts.
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    transactionalId: 'weir-services-probe',
    idempotent: true,
    maxInFlightRequests: 1,
    // kafkajs refuses an idempotent producer that may not retry.
    retry: { retries: 1, initialRetryTime: 100 },
  });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return false;
    await admin.describeGroups(['weir-services-probe']);
    await producer.connect();
    // Beginning a transaction runs InitProducerId on the transaction coordinator;
    // aborting it with nothing sent stays local.
    await (await producer.transaction()).abort();
    return true;
  } catch {
    return false;
  } finally {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  }
}
