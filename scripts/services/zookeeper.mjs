import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from './cleanup.mjs';
import { ensureJars } from './jars.mjs';
import { JAVA, javaArgs, writeProperties } from './java.mjs';
import { freePorts } from './ports.mjs';
import {
  log,
  retryIfAddressInUse,
  secondsSince,
  spawnService,
  waitUntilReady,
} from './process.mjs';

const STANDALONE_MAIN = 'org.apache.zookeeper.server.ZooKeeperServerMain';
const QUORUM_MAIN = 'org.apache.zookeeper.server.quorum.QuorumPeerMain';
const HEAP = '256m';

/**
 * tickTime 200 ms: clients may use sessions down to 400 ms, and the server expires sessions
 * in buckets of one tick, so a dead leader's session ends at most 200 ms past its timeout
 * (at 500 ms ticks, failover measured 450-650 ms past a 1.5 s timeout). The sync and init
 * limits, counted in ticks, keep the 2.6 s and 5 s they had. srvr is how readiness (and a
 * node's role) is probed.
 */
const COMMON_CONFIG = {
  tickTime: 200,
  initLimit: 25,
  syncLimit: 13,
  clientPortAddress: '127.0.0.1',
  'admin.enableServer': false,
  '4lw.commands.whitelist': 'srvr,ruok,stat,mntr',
  maxClientCnxns: 0,
};

/**
 * @typedef {object} ZookeeperServer
 * @property {string} connectString `127.0.0.1:<port>`
 * @property {number} port
 * @property {number} pid
 * @property {string} dir temporary folder with zoo.cfg and zookeeper.log
 * @property {() => Promise<void>} stop SIGTERM (SIGKILL after 10 s), then removes `dir`
 */

/**
 * Starts a standalone ZooKeeper on a free loopback port and waits until it serves.
 * @param {{ dataDir?: string, timeoutMs?: number }} [options] `dataDir` is kept on stop;
 *   without it the data lives in the temporary folder
 * @returns {Promise<ZookeeperServer>}
 */
export async function startZookeeper({ dataDir, timeoutMs = 60_000 } = {}) {
  const jars = await ensureJars();
  return retryIfAddressInUse(async () => {
    const started = Date.now();
    const dir = makeTempDir('weir-zk-');
    const [port] = /** @type {[number]} */ (await freePorts(1));
    const cfg = join(dir, 'zoo.cfg');
    writeProperties(cfg, {
      ...COMMON_CONFIG,
      dataDir: dataDir ?? join(dir, 'data'),
      clientPort: port,
    });
    const args = javaArgs(STANDALONE_MAIN, [cfg], { jarsDir: jars, workDir: dir, heap: HEAP });
    const service = await spawnService(JAVA, args, { logFile: join(dir, 'zookeeper.log') });
    try {
      await waitUntilReady(
        service,
        'ZooKeeper',
        async () => /^Mode: standalone$/m.test(await srvr(port)),
        timeoutMs,
      );
    } catch (error) {
      await removeTempDir(dir);
      throw error;
    }
    log(`ZooKeeper ready on 127.0.0.1:${port} in ${secondsSince(started)} s (pid ${service.pid})`);
    return {
      connectString: `127.0.0.1:${port}`,
      port,
      pid: service.pid,
      dir,
      async stop() {
        await service.stop();
        await removeTempDir(dir);
      },
    };
  });
}

/**
 * @typedef {object} EnsembleNode
 * @property {number} id the node's myid, 1..n
 * @property {number} port client port
 * @property {string} connectString `127.0.0.1:<port>` of this node alone
 * @property {number | undefined} pid of the running process, undefined while stopped
 * @property {() => boolean} isRunning
 * @property {() => Promise<string | undefined>} mode 'leader' | 'follower' | undefined (down or not in a quorum)
 * @property {() => Promise<void>} stop SIGTERM (SIGKILL after 10 s); data is kept for start()
 * @property {() => Promise<void>} kill SIGKILL, as in a crash; data is kept for start()
 * @property {(options?: { timeoutMs?: number }) => Promise<void>} start starts the node again
 *   with the same ports and data, and waits until it has joined the quorum
 */

/**
 * @typedef {object} ZookeeperEnsemble
 * @property {string} connectString every node, comma-separated
 * @property {EnsembleNode[]} nodes
 * @property {string} dir temporary folder holding one subfolder per node
 * @property {() => Promise<void>} stop stops every node and removes `dir`
 */

/**
 * Starts an ensemble of `size` ZooKeeper nodes on loopback ports and waits until
 * each is a leader or follower.
 * @param {number} [size]
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<ZookeeperEnsemble>}
 */
export async function startZookeeperEnsemble(size = 3, { timeoutMs = 90_000 } = {}) {
  const jars = await ensureJars();
  return retryIfAddressInUse(async () => {
    const started = Date.now();
    const dir = makeTempDir('weir-zk-ensemble-');
    const ports = await freePorts(size * 3);
    const ids = Array.from({ length: size }, (_, i) => i + 1);
    /** @type {Record<string, string>} */
    const servers = {};
    for (const id of ids) {
      const [, quorumPort, electionPort] = ports.slice((id - 1) * 3);
      servers[`server.${id}`] = `127.0.0.1:${quorumPort}:${electionPort}`;
    }
    const nodes = ids.map((id) => {
      const nodeDir = join(dir, `node-${id}`);
      const dataDir = join(nodeDir, 'data');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'myid'), `${id}\n`);
      const clientPort = /** @type {number} */ (ports[(id - 1) * 3]);
      const cfg = join(nodeDir, 'zoo.cfg');
      writeProperties(cfg, { ...COMMON_CONFIG, dataDir, clientPort, ...servers });
      const args = javaArgs(QUORUM_MAIN, [cfg], { jarsDir: jars, workDir: nodeDir, heap: HEAP });
      return ensembleNode(id, clientPort, args, join(nodeDir, 'zookeeper.log'));
    });
    const stop = async () => {
      await Promise.all(nodes.map((node) => node.stop()));
      await removeTempDir(dir);
    };
    // allSettled, not all: stopping while a sibling is still spawning would leak it.
    const results = await Promise.allSettled(nodes.map((node) => node.start({ timeoutMs })));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) {
      await stop();
      throw failure.reason;
    }
    const connectString = nodes.map((node) => node.connectString).join(',');
    log(`ZooKeeper ensemble ready on ${connectString} in ${secondsSince(started)} s`);
    return { connectString, nodes, dir, stop };
  });
}

/**
 * @param {number} id
 * @param {number} port
 * @param {string[]} args
 * @param {string} logFile
 * @returns {EnsembleNode}
 */
function ensembleNode(id, port, args, logFile) {
  /** @type {import('./process.mjs').ServiceProcess | undefined} */
  let service;
  const mode = async () => /^Mode: (leader|follower)$/m.exec(await srvr(port))?.[1];
  return {
    id,
    port,
    connectString: `127.0.0.1:${port}`,
    get pid() {
      return service?.isRunning() ? service.pid : undefined;
    },
    isRunning: () => service?.isRunning() ?? false,
    mode,
    async start({ timeoutMs = 60_000 } = {}) {
      if (service?.isRunning()) return;
      service = await spawnService(JAVA, args, { logFile });
      await waitUntilReady(
        service,
        `ZooKeeper node ${id}`,
        async () => (await mode()) !== undefined,
        timeoutMs,
      );
    },
    async stop() {
      await service?.stop();
    },
    async kill() {
      await service?.kill();
    },
  };
}

/**
 * Sends the `srvr` four-letter word and returns the reply, or '' when the server
 * does not answer (not listening yet, or closing).
 * @param {number} port
 * @returns {Promise<string>}
 */
function srvr(port) {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end('srvr'));
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      reply += chunk;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(reply));
  });
}
