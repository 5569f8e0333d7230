import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from './cleanup.mjs';
import { flinkCacheDir, flinkClasspath, flinkVersion, refuseInUnitTests } from './flink-jars.mjs';
import { JAVA } from './java.mjs';
import { freePorts } from './ports.mjs';
import {
  log,
  retryIfAddressInUse,
  run,
  secondsSince,
  spawnService,
  startFailure,
  waitUntilReady,
} from './process.mjs';

const JOB_MANAGER_MAIN = 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint';
const TASK_MANAGER_MAIN = 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner';
const BASH_JAVA_UTILS = 'org.apache.flink.runtime.util.bash.BashJavaUtils';
const RESULT_PREFIX = 'BASH_JAVA_UTILS_EXEC_RESULT:';

/**
 * Module access Flink needs on Java 17, as flink-dist's `env.java.opts.all` grants it
 * (serialisers reach into collections, the network stack into NIO, Pekko into RMI).
 */
const JAVA_17_OPENS = [
  '--add-exports=java.base/sun.net.util=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  ...[
    'java.lang',
    'java.net',
    'java.io',
    'java.nio',
    'sun.nio.ch',
    'java.lang.reflect',
    'java.text',
    'java.time',
    'java.util',
    'java.util.concurrent',
    'java.util.concurrent.atomic',
    'java.util.concurrent.locks',
  ].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
];

/**
 * Modest sizes: several JVMs share a 2-core test machine. The TaskManager's heap is what
 * hashmap state lives in; managed memory (RocksDB, batch) is mostly unused here.
 */
const MEMORY = {
  'jobmanager.memory.process.size': '768m',
  'taskmanager.memory.process.size': '1280m',
  'taskmanager.memory.managed.fraction': 0.1,
};

// Everything goes to stdout, which spawnService appends to the process's log file.
const LOG4J_PROPERTIES = `rootLogger.level = INFO
rootLogger.appenderRef.console.ref = Console
appender.console.name = Console
appender.console.type = Console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = WARN
logger.netty.name = org.apache.flink.shaded.netty4
logger.netty.level = WARN
`;

/**
 * @typedef {object} FlinkCluster
 * @property {string} restUrl `http://127.0.0.1:<port>`, no trailing slash
 * @property {number} restPort
 * @property {string} dir instance folder: conf/, logs, checkpoints/, savepoints/
 * @property {string} checkpointDir where jobs' checkpoints go (`execution.checkpointing.dir`)
 * @property {string} savepointDir default savepoint target (`execution.checkpointing.savepoint-dir`)
 * @property {number} slots task slots in the cluster
 * @property {{ jobManager: number, taskManager: number }} pids
 * @property {string} version Flink's version as its `/overview` reports it
 * @property {() => Promise<void>} stop SIGTERM both (SIGKILL after 15 s), then removes `dir` unless kept
 */

/**
 * Starts a Flink session cluster, one JobManager (adaptive scheduler) and one TaskManager, on
 * loopback with free ports, and waits until `/overview` shows the TaskManager with its slots.
 * Jars come from Maven (resolved once per release, `flink-jars.mjs`). With `dir` the instance
 * keeps its folder (checkpoints and savepoints survive a restart) and `stop` leaves it.
 * @param {{ version?: string, slots?: number, timeoutMs?: number, dir?: string, restPort?: number, config?: Record<string, string | number | boolean> }} [options]
 *   `version` is the Flink release (`flink-jars.mjs` lists them; by default `$WEIR_FLINK_VERSION`,
 *   else 2.3.0); `config` adds or overrides `config.yaml` keys; `restPort` fixes the REST port
 *   (else a free one)
 * @returns {Promise<FlinkCluster>}
 */
export async function startFlink({
  version: requested,
  slots = 4,
  timeoutMs = 120_000,
  dir: keptDir,
  restPort: fixedRestPort,
  config,
} = {}) {
  refuseInUnitTests();
  const release = flinkVersion(requested);
  const classpath = (await flinkClasspath(release)).join(':');
  return retryIfAddressInUse(async () => {
    const started = Date.now();
    const dir = keptDir ?? makeTempDir('weir-flink-');
    const discard = keptDir ? async () => {} : () => removeTempDir(dir);
    /** @type {import('./process.mjs').ServiceProcess[]} */
    const services = [];
    const stopAll = () => Promise.all(services.map((service) => service.stop(15_000)));
    try {
      const conf = join(dir, 'conf');
      for (const sub of ['conf', 'checkpoints', 'savepoints', 'tmp', 'web-tmp', 'web-upload']) {
        mkdirSync(join(dir, sub), { recursive: true });
      }
      const [freeRestPort, rpcPort] = /** @type {[number, number]} */ (await freePorts(2));
      const restPort = fixedRestPort ?? freeRestPort;
      const settings = {
        ...clusterConfig(dir, { restPort, rpcPort, slots }),
        ...adaptiveSchedulerWaits(release),
        ...config,
      };
      writeConfigYaml(join(conf, 'config.yaml'), settings);
      const log4j = join(conf, 'log4j.properties');
      writeFileSync(log4j, LOG4J_PROPERTIES);
      const memory = await memoryFlags(release, classpath, conf, settings);

      /**
       * @param {string} main
       * @param {[string[], string[]]} flags BashJavaUtils' two lines: JVM flags, `-D` options
       * @param {string} name
       */
      const launch = async (main, [jvm, dynamic], name) => {
        const args = [
          ...JAVA_17_OPENS,
          ...jvm,
          '-XX:+UseSerialGC',
          '-Djava.net.preferIPv4Stack=true',
          `-Dlog4j.configurationFile=file:${log4j}`,
          '-cp',
          classpath,
          main,
          '--configDir',
          conf,
          ...dynamic,
        ];
        const service = await spawnService(JAVA, args, { logFile: join(dir, `${name}.log`) });
        services.push(service);
        return service;
      };
      const jobManager = await launch(JOB_MANAGER_MAIN, memory.jobManager, 'jobmanager');
      const taskManager = await launch(TASK_MANAGER_MAIN, memory.taskManager, 'taskmanager');
      const restUrl = `http://127.0.0.1:${restPort}`;
      /** @type {string} */
      let version = '';
      const ready = async () => {
        if (!taskManager.isRunning()) {
          throw startFailure('the Flink TaskManager exited at start', taskManager.logFile);
        }
        const overview = await getJson(`${restUrl}/overview`);
        if (!overview || overview.taskmanagers < 1 || overview['slots-total'] < slots) return false;
        version = overview['flink-version'];
        return true;
      };
      try {
        await waitUntilReady(jobManager, 'Flink JobManager', ready, timeoutMs);
      } catch (error) {
        await stopAll();
        throw error;
      }
      log(
        `Flink ${version} ready at ${restUrl} in ${secondsSince(started)} s ` +
          `(jobmanager pid ${jobManager.pid}, taskmanager pid ${taskManager.pid})`,
      );
      return {
        restUrl,
        restPort,
        dir,
        checkpointDir: join(dir, 'checkpoints'),
        savepointDir: join(dir, 'savepoints'),
        slots,
        pids: { jobManager: jobManager.pid, taskManager: taskManager.pid },
        version,
        async stop() {
          // The TaskManager first: stopped after its JobManager it retries the connection.
          await taskManager.stop(15_000);
          await jobManager.stop(15_000);
          await discard();
        },
      };
    } catch (error) {
      await stopAll();
      await discard();
      throw error;
    }
  });
}

/**
 * The session cluster's `config.yaml`: everything on 127.0.0.1, state and temporary files
 * inside the instance folder, the adaptive scheduler (rescale in place through REST). Flink
 * 1.20 reads the same file (it prefers a `flink-conf.yaml`, written nowhere here) and knows
 * these keys too: it introduced the `execution.checkpointing.*` names.
 * @param {string} dir
 * @param {{ restPort: number, rpcPort: number, slots: number }} ports
 * @returns {Record<string, string | number | boolean>}
 */
function clusterConfig(dir, { restPort, rpcPort, slots }) {
  return {
    'jobmanager.rpc.address': '127.0.0.1',
    'jobmanager.rpc.port': rpcPort,
    'jobmanager.bind-host': '127.0.0.1',
    'taskmanager.bind-host': '127.0.0.1',
    'taskmanager.host': '127.0.0.1',
    'rest.address': '127.0.0.1',
    'rest.bind-address': '127.0.0.1',
    'rest.port': restPort,
    ...MEMORY,
    'taskmanager.numberOfTaskSlots': slots,
    'parallelism.default': 1,
    'jobmanager.scheduler': 'adaptive',
    'state.backend.type': 'hashmap',
    'execution.checkpointing.dir': `file://${join(dir, 'checkpoints')}`,
    'execution.checkpointing.savepoint-dir': `file://${join(dir, 'savepoints')}`,
    'io.tmp.dirs': join(dir, 'tmp'),
    'web.tmpdir': join(dir, 'web-tmp'),
    'web.upload.dir': join(dir, 'web-upload'),
    // The default JobManager-side metric refresh: REST metrics are at most this old.
    'metrics.fetcher.update-interval': 10_000,
  };
}

/**
 * The adaptive scheduler's waits, short so that a job starts at once and a rescale takes
 * seconds, not the default half minute. Flink 2.0 renamed these keys (1.20's are deprecated
 * there); each release gets the names its documentation gives.
 * @param {string} version
 * @returns {Record<string, string>}
 */
function adaptiveSchedulerWaits(version) {
  if (version.startsWith('1.')) {
    return {
      'jobmanager.adaptive-scheduler.resource-stabilization-timeout': '0s',
      'jobmanager.adaptive-scheduler.scaling-interval.min': '2s',
    };
  }
  return {
    'jobmanager.adaptive-scheduler.submission.resource-stabilization-timeout': '0s',
    'jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling': '2s',
    'jobmanager.adaptive-scheduler.executing.resource-stabilization-timeout': '2s',
  };
}

/**
 * Flat keys, one per line: Flink 2.x reads `a.b: c` as the nested `a: {b: c}`. Values are
 * quoted as JSON strings where YAML could misread them (paths, durations).
 * @param {string} file
 * @param {Record<string, string | number | boolean>} settings
 */
function writeConfigYaml(file, settings) {
  const lines = Object.entries(settings).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : value}`,
  );
  writeFileSync(file, `# Written by scripts/services/flink.mjs\n${lines.join('\n')}\n`);
}

/**
 * The JVM flags and `-D` options flink-dist's scripts compute from the memory settings, asked
 * from Flink's own BashJavaUtils (a JVM start each, ~0.5 s) and cached by those settings.
 * @param {string} version
 * @param {string} classpath
 * @param {string} conf
 * @param {Record<string, string | number | boolean>} settings
 * @returns {Promise<{ jobManager: [string[], string[]], taskManager: [string[], string[]] }>}
 */
async function memoryFlags(version, classpath, conf, settings) {
  const relevant = Object.entries(settings)
    .filter(([key]) => /memory|numberOfTaskSlots|cpu\.cores/.test(key))
    .sort(([a], [b]) => a.localeCompare(b));
  const hash = createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
  const cacheFile = join(flinkCacheDir(version), `memory-${hash}.json`);
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'));
  /** @param {string} command */
  const ask = async (command) => {
    const output = await run(
      JAVA,
      ['-Xmx128m', '-cp', classpath, BASH_JAVA_UTILS, command, '--configDir', conf],
      { timeoutMs: 60_000 },
    );
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith(RESULT_PREFIX))
      .map((line) => line.slice(RESULT_PREFIX.length).trim().split(/\s+/).filter(Boolean));
    if (lines.length < 2) throw new Error(`${BASH_JAVA_UTILS} ${command} gave:\n${output}`);
    return /** @type {[string[], string[]]} */ (lines.slice(-2));
  };
  const [jobManager, taskManager] = await Promise.all([
    ask('GET_JM_RESOURCE_PARAMS'),
    ask('GET_TM_RESOURCE_PARAMS'),
  ]);
  const flags = { jobManager, taskManager };
  mkdirSync(flinkCacheDir(version), { recursive: true });
  const staging = `${cacheFile}.partial-${process.pid}`;
  writeFileSync(staging, JSON.stringify(flags));
  renameSync(staging, cacheFile);
  return flags;
}

/**
 * @param {string} url
 * @returns {Promise<any>} the parsed body, or undefined when it does not answer (yet) with 200
 */
async function getJson(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}
