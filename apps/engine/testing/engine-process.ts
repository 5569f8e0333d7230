import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../src/api/root.js';
import { waitFor } from './wait-for.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

/**
 * The first admin's password for every engine this test process starts, so an engine started
 * again on the same database still accepts it. Random: Weir has no default password.
 */
const ADMIN_PASSWORD = randomBytes(18).toString('base64url');

export interface EngineProcess {
  child: ChildProcess;
  port: number;
  api: Awaited<ReturnType<typeof signedInClient>>;
  /** Every log line so far, for assertions and for failure messages. */
  logs: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the built engine as a real process (so tests can SIGKILL it) on a free port and
 * resolves once its API listens. The engine logs its bound address; we read it from there.
 */
export async function startEngineProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
  /** Sees every log line as it arrives, from the first (a chaos test kills on cue from here). */
  onLine: (line: string, child: ChildProcess) => void = () => {},
): Promise<EngineProcess> {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the engine first (npm run build)`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      WEIR_API_PORT: '0',
      WEIR_LOG_LEVEL: 'info',
      WEIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running: nobody else holds its handle.
      child.kill('SIGKILL');
      reject(new Error(`engine did not start within ${timeoutMs} ms:\n${logs.join('\n')}`));
    }, timeoutMs);
    const onChunk = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        logs.push(line);
        onLine(line, child);
        const match = /"address":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      }
    };
    child.stdout?.on('data', onChunk);
    child.stderr?.on('data', onChunk);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
  const api = await signedInClient(port, env.WEIR_ADMIN_PASSWORD);
  return { child, port, api, logs, exited };
}

/** A tRPC client of the engine on `port` with a session of its own, signed in as the first admin. */
export async function signedInClient(port: number, password = ADMIN_PASSWORD) {
  const cookie = await signIn(port, password);
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `http://127.0.0.1:${port}/trpc`, headers: { cookie } })],
  });
}

/** Signs in as the first admin and returns the session cookie to send with every call. */
async function signIn(port: number, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`could not sign in as admin: ${await res.text()}`);
  return cookie;
}

export async function killEngine(
  engine: EngineProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  if (engine.child.exitCode === null && engine.child.signalCode === null) engine.child.kill(signal);
  await engine.exited;
}

/** Waits until `engine` reports job `jobId` FINISHED (up to two minutes), and returns it. */
export function jobFinishedOn(engine: EngineProcess, jobId: string, which: string) {
  return waitFor(
    `the job to finish on ${which}`,
    async () => {
      const job = await engine.api.jobs.get.query({ jobId });
      return job.status === 'FINISHED' ? job : null;
    },
    120_000,
    200,
  );
}
