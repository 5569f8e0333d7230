import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { log, run, secondsSince } from './process.mjs';

/**
 * The Flink releases the harness runs, each with the log4j release its flink-dist ships
 * (flink-parent's `log4j.version`): the cluster logs with the log4j Flink was tested with.
 */
const LOG4J_VERSIONS = { '2.3.0': '2.25.3', '1.20.5': '2.24.3' };

/** Every release the harness runs; `flink-cli.mjs fetch` prepares them all. */
export const FLINK_VERSIONS = Object.keys(LOG4J_VERSIONS);

/** The release run when none is asked for and `$WEIR_FLINK_VERSION` is not set. */
export const DEFAULT_FLINK_VERSION = '2.3.0';

/**
 * The release to run: the one asked for, else `$WEIR_FLINK_VERSION` (to run the Flink tests
 * against another release without editing them), else the default. One the harness does not
 * know is refused: its log4j and configuration keys are unknown.
 * @param {string} [version]
 * @returns {string}
 */
export function flinkVersion(version = process.env.WEIR_FLINK_VERSION || DEFAULT_FLINK_VERSION) {
  if (!Object.hasOwn(LOG4J_VERSIONS, version)) {
    throw new Error(
      `Flink ${version} is not a release the harness runs (${FLINK_VERSIONS.join(', ')}): add it to LOG4J_VERSIONS in scripts/services/flink-jars.mjs`,
    );
  }
  return version;
}

/**
 * What a session cluster needs on its classpath. flink-dist (the tarball) is not on Maven
 * Central, its parts are: the runtime, the RPC loader, the web frontend (which serves `/jars`
 * upload and run), the client (for running uploaded jars), the DataStream API, and log4j.
 * @param {string} version
 * @returns {[string, string, string][]}
 */
function clusterArtifacts(version) {
  const log4j = LOG4J_VERSIONS[/** @type {keyof typeof LOG4J_VERSIONS} */ (version)];
  return [
    ['org.apache.flink', 'flink-runtime', version],
    ['org.apache.flink', 'flink-rpc-akka-loader', version],
    ['org.apache.flink', 'flink-runtime-web', version],
    ['org.apache.flink', 'flink-clients', version],
    ['org.apache.flink', 'flink-streaming-java', version],
    ['org.apache.logging.log4j', 'log4j-slf4j-impl', log4j],
    ['org.apache.logging.log4j', 'log4j-api', log4j],
    ['org.apache.logging.log4j', 'log4j-core', log4j],
    ['org.apache.logging.log4j', 'log4j-1.2-api', log4j],
  ];
}

/**
 * Where the Flink harness keeps what it computed once for a release: `flink-<version>` in
 * `$WEIR_FLINK_CACHE`, else in `~/.cache/weir` (next to the Kafka jars, outside the repo so
 * that fresh clones and `git clean` keep it). The jars themselves stay in Maven's local
 * repository.
 * @param {string} version
 * @returns {string}
 */
export function flinkCacheDir(version) {
  const root = process.env.WEIR_FLINK_CACHE || join(homedir(), '.cache', 'weir');
  return join(root, `flink-${version}`);
}

/** Set by the vitest project `unit`: a test that needs Flink is an integration test. */
export function refuseInUnitTests() {
  if (process.env.WEIR_NO_TEST_SERVICES) {
    throw new Error(
      'Flink in a unit test (WEIR_NO_TEST_SERVICES is set): a test that needs it is an integration test, name its file *.int.test.ts',
    );
  }
}

/** @type {Map<string, Promise<string[]>>} */
const resolving = new Map();

/**
 * The cluster's classpath (jar paths) for a release, resolved with Maven the first time and
 * cached in `classpath.txt`; resolved again when a listed jar has gone from Maven's local
 * repository.
 * @param {string} [requested] the release, by default `flinkVersion()`'s
 * @returns {Promise<string[]>}
 */
export async function flinkClasspath(requested) {
  refuseInUnitTests();
  const version = flinkVersion(requested);
  const file = join(flinkCacheDir(version), 'classpath.txt');
  const cached = readClasspath(file);
  if (cached) return cached;
  // Clusters started side by side share one resolve.
  let pending = resolving.get(version);
  if (!pending) {
    pending = resolveClasspath(version, file).finally(() => resolving.delete(version));
    resolving.set(version, pending);
  }
  return pending;
}

/**
 * @param {string} file
 * @returns {string[] | undefined}
 */
function readClasspath(file) {
  if (!existsSync(file)) return undefined;
  const jars = readFileSync(file, 'utf8').trim().split(':').filter(Boolean);
  return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? jars : undefined;
}

/**
 * @param {string} version
 * @param {string} file
 * @returns {Promise<string[]>}
 */
async function resolveClasspath(version, file) {
  const started = Date.now();
  const dir = flinkCacheDir(version);
  mkdirSync(dir, { recursive: true });
  log(`resolving Flink ${version} jars with Maven (first run only)`);
  const pom = join(dir, `classpath-pom-${process.pid}.xml`);
  const staging = `${file}.partial-${process.pid}`;
  writeFileSync(pom, classpathPom(version));
  try {
    await run('mvn', [
      '-q',
      '-B',
      '-f',
      pom,
      'dependency:build-classpath',
      '-Dmdep.includeScope=runtime',
      `-Dmdep.outputFile=${staging}`,
    ]);
    // A rename is atomic: a concurrent reader sees the old file or the whole new one.
    renameSync(staging, file);
  } finally {
    rmSync(pom, { force: true });
    rmSync(staging, { force: true });
  }
  const jars = readClasspath(file);
  if (!jars) throw new Error(`Maven resolved no usable Flink classpath into ${file}`);
  log(`resolved ${jars.length} Flink ${version} jars in ${secondsSince(started)} s`);
  return jars;
}

/**
 * A POM that exists only to have Maven resolve the cluster's jars.
 * @param {string} version
 */
function classpathPom(version) {
  const dependencies = clusterArtifacts(version)
    .map(
      ([groupId, artifactId, artifactVersion]) =>
        `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${artifactVersion}</version></dependency>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/services/flink-jars.mjs to resolve a Flink session cluster's classpath. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.weir</groupId>
  <artifactId>weir-flink-cluster</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies}
  </dependencies>
</project>
`;
}
