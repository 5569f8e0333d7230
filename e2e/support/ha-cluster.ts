// The system the browser specs run against: a real ZooKeeper, a fresh PostgreSQL database and
// two engine instances in ZooKeeper HA mode (one leads, one stands by), as a small production
// cluster would run. Started by playwright.config.ts as its engine web server and by
// `npm start -- --ha`. An engine that dies is started again (the others run on meanwhile), so a
// `kill -9` of the leader shows a failover rather than ending the demo. SIGTERM stops
// everything it started, by PID, and drops the database.
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, startZookeeper } from '@weir/engine/testing';

const dataDir = required('WEIR_E2E_DATA_DIR');
const ports = (process.env.WEIR_E2E_ENGINE_PORTS ?? '').split(',').map(Number);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: run through playwright.config.ts`);
  return value;
}

async function healthy(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`engine on port ${port} did not become ready`);
}

const [zookeeper, db] = await Promise.all([startZookeeper(), createTestDatabase()]);
const engines: ChildProcess[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    engines.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  await Promise.allSettled([zookeeper.stop(), db.drop()]);
  process.exit(code);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(0));

/** An engine that dies this often within a minute is broken, not unlucky: the run stops. */
const MAX_EXITS_PER_MINUTE = 5;
const RESTART_DELAY_MS = 1000;

/**
 * Starts engine `index` on `port`. If it dies on its own (a `kill -9` to watch a failover,
 * say) the others keep running and it is started again, so it rejoins as a standby.
 */
function startEngine(index: number, port: number, exits: number[] = []): ChildProcess {
  const id = `engine-${String.fromCharCode(97 + index)}`;
  // Each engine's log goes to a file in the run's data folder, which outlives the run: when a
  // spec fails, the engines' side of it (why a job restarted, say) is there to read.
  const log = path.join(dataDir, `${id}.log`);
  const child = spawn(process.execPath, ['apps/engine/dist/main.js'], {
    env: {
      ...process.env,
      WEIR_INSTANCE_ID: id,
      WEIR_API_PORT: String(port),
      WEIR_HA_MODE: 'zookeeper',
      WEIR_ZOOKEEPER_CONNECT: zookeeper.connectString,
      WEIR_ZOOKEEPER_SESSION_TIMEOUT_MS: '5000',
      DATABASE_URL: db.url,
      WEIR_DATA_DIR: path.join(dataDir, id),
      WEIR_CHECKPOINT_DIR: path.join(dataDir, 'checkpoints'),
      WEIR_SAVEPOINT_DIR: path.join(dataDir, 'savepoints'),
    },
    stdio: ['ignore', openSync(log, 'a'), 'inherit'],
  });
  process.stderr.write(`${id} (pid ${child.pid}) logs to ${log}\n`);
  engines[index] = child;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    const recent = [...exits.filter((at) => now - at < 60_000), now];
    if (recent.length >= MAX_EXITS_PER_MINUTE) {
      process.stderr.write(`${id} exited ${recent.length} times within a minute; stopping\n`);
      void stop(1);
      return;
    }
    process.stderr.write(`${id} exited (${signal ?? code}); starting it again as a standby\n`);
    setTimeout(() => {
      if (!stopping) startEngine(index, port, recent);
    }, RESTART_DELAY_MS);
  });
  return child;
}

try {
  for (const [index, port] of ports.entries()) {
    startEngine(index, port);
    // One after the other: the first start creates the admin user on the empty database.
    await healthy(port, Date.now() + 90_000);
  }
} catch (error) {
  process.stderr.write(`${String(error)}\n`);
  await stop(1);
}
