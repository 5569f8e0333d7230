import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { freePorts, waitFor } from './services/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let launcher: ChildProcess | undefined;
let dataDir = '';

afterAll(async () => {
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((resolve) => launcher?.once('exit', resolve));
    launcher.kill('SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** 1 when the engine on `port` leads, 0 when it stands by, null while it does not answer. */
async function leads(port: number): Promise<number | null> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (res) => (res.ok ? res.text() : null),
    () => null,
  );
  const value = text?.match(/^weir_leader_is_leader(?:\{[^}]*\})? (\d)/m)?.[1];
  return value === undefined ? null : Number(value);
}

/**
 * `npm start -- --ha` runs the browser tests' launcher (e2e/support/ha-cluster.ts). A user who
 * `kill -9`s the leading engine to watch a failover must see one: the standby takes over, the
 * launcher keeps running and starts the dead engine again, and it rejoins as a standby.
 */
it('the HA launcher keeps the survivor leading and brings a killed engine back as a standby', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'weir-ha-demo-'));
  const ports: number[] = await freePorts(2);
  const stderr: string[] = [];
  launcher = spawn(process.execPath, ['--import', 'tsx', 'e2e/support/ha-cluster.ts'], {
    cwd: root,
    env: {
      ...process.env,
      WEIR_E2E_DATA_DIR: dataDir,
      WEIR_E2E_ENGINE_PORTS: ports.join(','),
      WEIR_ADMIN_PASSWORD: 'ha-demo-test-password',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  launcher.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const pidOf = (id: string) =>
    [...stderr.join('').matchAll(new RegExp(`${id} \\(pid (\\d+)\\)`, 'g'))].map((m) =>
      Number(m[1]),
    );

  const [a, b] = ports as [number, number];
  await waitFor(async () => (await leads(a)) === 1 && (await leads(b)) === 0, {
    timeoutMs: 180_000,
  });
  const [leaderPid] = pidOf('engine-a');
  process.kill(leaderPid as number, 'SIGKILL');

  await waitFor(async () => (await leads(b)) === 1, { timeoutMs: 60_000 });
  await waitFor(async () => pidOf('engine-a').length === 2 && (await leads(a)) === 0, {
    timeoutMs: 90_000,
  });
  expect(pidOf('engine-a')[1]).not.toBe(leaderPid);
  expect(launcher.exitCode).toBeNull();
  expect(stderr.join('')).toContain('engine-a exited (SIGKILL); starting it again as a standby');
}, 300_000);
