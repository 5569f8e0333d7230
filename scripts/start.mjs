#!/usr/bin/env node
// `npm start`: install what is missing, build, then run engine + console on the embedded
// defaults (PGlite database, embedded HA, datagen sample job) until Ctrl-C.
// `npm start -- --ha`: two engines in ZooKeeper HA mode instead (see below).
// `npm start -- --kafka`: the Kafka sample job, with a local broker and a feeder (see below).
// `npm start -- --flink`: a local Flink cluster too, registered in the console (see below).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildAll, ensureDependencies, NO_TELEMETRY } from './lib/ensure-deps.mjs';
import { log } from './lib/run.mjs';
import { waitForHttp } from './lib/wait-http.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const enginePort = process.env.WEIR_API_PORT ?? '4100';
const webPort = process.env.PORT ?? '3000';
const engineUrl = `http://127.0.0.1:${enginePort}`;
// The engine takes signed-in mutations only from the console's origins.
process.env.WEIR_ALLOWED_ORIGINS ??= `http://127.0.0.1:${webPort},http://localhost:${webPort}`;

await ensureDependencies(root);
await buildAll(root);

const children = [];
/** `onLine`, when given, sees each stdout line (which is still passed through). */
function launch(name, command, args, env, onLine) {
  const stdio = onLine ? ['inherit', 'pipe', 'inherit'] : 'inherit';
  const child = spawn(command, args, {
    cwd: root,
    stdio,
    env: { ...process.env, ...NO_TELEMETRY, ...env },
  });
  if (onLine) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      onLine(line);
    });
  }
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
/** Stopped last, after the engine, so the job's last commits still reach it. */
let broker = null;
/** Stopped last too: it is a separate cluster the engine only talks to. */
let flink = null;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const exited = children.map((child) =>
    child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null,
  );
  await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await broker?.stop().catch((error) => log(`stopping Kafka: ${error.message}`));
  await flink?.stop().catch((error) => log(`stopping Flink: ${error.message}`));
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// `npm start -- --ha`: two engines in ZooKeeper HA mode instead of one embedded engine, with a
// ZooKeeper and a fresh database on the local PostgreSQL (both discarded on exit), so failover
// can be tried in the console. It uses the same launcher as the browser tests.
const ha = process.argv.slice(2).includes('--ha');

// `npm start -- --kafka`: a Kafka broker from the jars (its data kept in .weir/kafka, so a
// stop and start goes on where it was), a feeder producing clicks into `weir-clicks`, and the
// engine running the Kafka sample job (weir-clicks -> window -> weir-click-counts, exactly
// once) because WEIR_KAFKA_BROKERS is set. Without the flag nothing of Kafka runs.
if (process.argv.slice(2).includes('--kafka')) {
  const { startKafka } = await import('./services/index.mjs');
  broker = await startKafka({ dir: path.join(root, '.weir', 'kafka') });
  process.env.WEIR_KAFKA_BROKERS = broker.brokers.join(',');
  let feeding;
  const fed = new Promise((resolve) => {
    feeding = resolve;
  });
  launch('feeder', process.execPath, ['scripts/kafka/sample-feeder.mjs'], {}, (line) => {
    if (line.startsWith('feeding ')) feeding();
  });
  // The topic exists once the feeder says so: the job then finds its partitions at once.
  await fed;
}

// `npm start -- --flink`: a Flink session cluster from the Maven jars (folder .weir/flink, REST
// on WEIR_FLINK_REST_PORT, default 8081) running the example job, and registered with the
// engine as "local-flink" through WEIR_FLINK_CLUSTERS: the console shows both clusters.
if (process.argv.slice(2).includes('--flink')) {
  const { startSampleFlink, SAMPLE_FLINK_CLUSTER } = await import('./lib/sample-flink.mjs');
  flink = await startSampleFlink(root, Number(process.env.WEIR_FLINK_REST_PORT ?? 8081));
  log(`Flink ${flink.version}: ${flink.restUrl} (example job submitted)`);
  process.env.WEIR_FLINK_CLUSTERS = [
    process.env.WEIR_FLINK_CLUSTERS,
    `${SAMPLE_FLINK_CLUSTER}=${flink.restUrl}`,
  ]
    .filter(Boolean)
    .join(',');
}

// On its first start the engine creates the user "admin" and logs a generated password once
// (field firstAdminPassword). It scrolls by among the JSON logs, so it is repeated below. The
// HA launcher keeps its engines' logs to itself, so in that mode the password is made here.
let firstAdminPassword = ha
  ? (process.env.WEIR_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url'))
  : null;
const standbyUrl = `http://127.0.0.1:${Number(enginePort) + 1}`;
const engine = ha
  ? launch('engines', process.execPath, ['--import', 'tsx', 'e2e/support/ha-cluster.ts'], {
      WEIR_E2E_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'weir-ha-')),
      WEIR_E2E_ENGINE_PORTS: `${enginePort},${Number(enginePort) + 1}`,
      WEIR_ADMIN_PASSWORD: firstAdminPassword,
    })
  : launch(
      'engine',
      process.execPath,
      ['apps/engine/dist/main.js'],
      { WEIR_API_PORT: enginePort },
      (line) => {
        if (!line.includes('"firstAdminPassword"')) return;
        try {
          firstAdminPassword = JSON.parse(line).firstAdminPassword ?? null;
        } catch {
          // Not a JSON log line after all: nothing to show.
        }
      },
    );
await waitForHttp(`${engineUrl}/healthz`, 180_000, () => engine.exitCode === null);
if (ha) await waitForHttp(`${standbyUrl}/healthz`, 180_000, () => engine.exitCode === null);
// The console's own server (it sets X-Forwarded-* from the real connection), not `npm run
// start`: npm and its shell do not pass SIGTERM on, and the server outlived a stopped `npm start`.
const web = launch(
  'console',
  process.execPath,
  ['apps/web/server.mjs', '-H', '127.0.0.1', '-p', webPort],
  { WEIR_ENGINE_URL: ha ? `${engineUrl},${standbyUrl}` : engineUrl },
);
await waitForHttp(`http://127.0.0.1:${webPort}/`, 120_000, () => web.exitCode === null);
log(
  `console: http://127.0.0.1:${webPort}   engine API: ${engineUrl}/trpc   metrics: ${engineUrl}/metrics`,
);
if (firstAdminPassword) {
  log('');
  log('First start: sign in to the console as user "admin" with password');
  log(`    ${firstAdminPassword}`);
  log(
    'This password is shown only this once. Create your own users under Users, then keep it safe.',
  );
  log('');
}
