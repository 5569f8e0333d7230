import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir } from './cleanup.mjs';
import { flinkCacheDir, flinkVersion, refuseInUnitTests } from './flink-jars.mjs';
import { log, run, secondsSince } from './process.mjs';

/** The example job's Maven module (README there). */
export const FLINK_EXAMPLE_DIR = fileURLToPath(
  new URL('../../examples/flink-clicks', import.meta.url),
);
/** Its entry point, for `/jars/:id/run` (the jar's manifest names it too). */
export const FLINK_EXAMPLE_MAIN = 'dev.weir.examples.clicks.ClicksPerUser';

/** @type {Map<string, Promise<string>>} */
const building = new Map();

/**
 * The example job's jar for a Flink release, built with Maven against that release the first
 * time its sources are seen and cached by their hash (`<release's cache>/examples/flink-clicks-
 * <hash>.jar`), so an edit rebuilds it and an unchanged checkout never does. Builds outside the
 * repository (no target/ left behind).
 * @param {string} [requested] the release, by default `flinkVersion()`'s
 * @returns {Promise<string>} the jar's path
 */
export async function ensureFlinkExampleJar(requested) {
  refuseInUnitTests();
  const version = flinkVersion(requested);
  const hash = sourceHash(FLINK_EXAMPLE_DIR);
  const jar = join(flinkCacheDir(version), 'examples', `flink-clicks-${hash}.jar`);
  if (existsSync(jar)) return jar;
  let pending = building.get(jar);
  if (!pending) {
    pending = buildJar(version, jar).finally(() => building.delete(jar));
    building.set(jar, pending);
  }
  return pending;
}

/**
 * @param {string} version
 * @param {string} jar
 */
async function buildJar(version, jar) {
  const started = Date.now();
  log(
    `building the example Flink job (${relative(process.cwd(), FLINK_EXAMPLE_DIR)}) for Flink ${version}`,
  );
  const buildDir = makeTempDir('weir-flink-example-');
  try {
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      join(FLINK_EXAMPLE_DIR, 'pom.xml'),
      'package',
      `-Dweir.buildDir=${buildDir}`,
      `-Dflink.version=${version}`,
    ]);
    mkdirSync(dirname(jar), { recursive: true });
    const staging = `${jar}.partial-${process.pid}`;
    copyFileSync(join(buildDir, 'flink-clicks.jar'), staging);
    renameSync(staging, jar);
  } finally {
    await removeTempDir(buildDir);
  }
  log(`built ${jar} in ${secondsSince(started)} s`);
  return jar;
}

/**
 * A hash of the module's pom.xml and every file under src/, names and contents, in a stable
 * order.
 * @param {string} dir
 * @returns {string}
 */
function sourceHash(dir) {
  const hash = createHash('sha256');
  const files = ['pom.xml', ...listFiles(dir, 'src')].sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * @param {string} root
 * @param {string} sub
 * @returns {string[]} paths relative to root
 */
function listFiles(root, sub) {
  const dir = join(root, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(root, join(sub, entry.name))
      : entry.isFile()
        ? [join(sub, entry.name)]
        : [],
  );
}
