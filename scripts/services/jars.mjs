import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, run, secondsSince } from './process.mjs';

const POM = fileURLToPath(new URL('./pom.xml', import.meta.url));
const MARKER = '.complete';

/** The Kafka version pinned in pom.xml (it also names the cache folder). */
export const KAFKA_VERSION = /** @type {string} */ (
  /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(POM, 'utf8'))?.[1]
);

/**
 * Where the jars live: `$WEIR_JARS_DIR`, else `~/.cache/weir/jars/kafka-<version>`.
 * Outside the repo so that fresh clones and `git clean` keep the download.
 * @returns {string}
 */
export function jarsDir() {
  return (
    process.env.WEIR_JARS_DIR || join(homedir(), '.cache', 'weir', 'jars', `kafka-${KAFKA_VERSION}`)
  );
}

/** @type {Promise<string> | undefined} */
let fetching;

/**
 * Makes sure Kafka, ZooKeeper (Kafka's own dependency) and an slf4j binding are in
 * the jar cache, fetching them with Maven when they are not. Returns the folder.
 * @returns {Promise<string>}
 */
export function ensureJars() {
  // Set by the vitest project `unit` (vitest.config.ts), which runs without ZooKeeper or Kafka.
  if (process.env.WEIR_NO_TEST_SERVICES) {
    return Promise.reject(
      new Error(
        'ZooKeeper or Kafka in a unit test (WEIR_NO_TEST_SERVICES is set): a test that needs them is an integration test, name its file *.int.test.ts',
      ),
    );
  }
  const dir = jarsDir();
  if (isComplete(dir)) return Promise.resolve(dir);
  // Services started side by side share one fetch.
  fetching ??= fetchJars(dir).finally(() => {
    fetching = undefined;
  });
  return fetching;
}

/**
 * @param {string} dir
 * @returns {Promise<string>}
 */
async function fetchJars(dir) {
  const started = Date.now();
  log(`fetching Kafka ${KAFKA_VERSION} jars with Maven into ${dir}`);
  removeAbandonedStaging(dir);
  // Copy into a private folder and rename it into place, so that a killed fetch
  // or a concurrent one never leaves a half-filled cache folder behind.
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await run('mvn', [
    '-q',
    '-B',
    '-f',
    POM,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${staging}`,
  ]);
  writeFileSync(join(staging, MARKER), KAFKA_VERSION);
  publish(staging, dir);
  log(`fetched ${readdirSync(dir).length - 1} jars in ${secondsSince(started)} s`);
  return dir;
}

/** @param {string} dir */
function isComplete(dir) {
  const marker = join(dir, MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8') === KAFKA_VERSION;
}

/**
 * @param {string} staging
 * @param {string} dir
 */
function publish(staging, dir) {
  try {
    renameSync(staging, dir);
    return;
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
  if (isComplete(dir)) {
    // Another process finished the same fetch first.
    rmSync(staging, { recursive: true, force: true });
    return;
  }
  // A folder from another version, or filled by hand: replace it.
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

/** Removes staging folders left by fetches whose process died. @param {string} dir */
function removeAbandonedStaging(dir) {
  const parent = dirname(dir);
  if (!existsSync(parent)) return;
  const pattern = new RegExp(
    `^${basename(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.partial-(\\d+)$`,
  );
  for (const name of readdirSync(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
