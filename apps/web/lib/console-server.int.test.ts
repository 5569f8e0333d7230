import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../engine/testing/test-api.js';
import { fakeBackend } from '../../engine/testing/test-backend.js';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server.mjs');

/**
 * The built console (server.mjs, as `npm start` runs it) in front of a real engine API: what a
 * browser, or a script posing as one, can make the engine believe. Issue 15, findings 2, 5, 6.
 */
describe('the console server', () => {
  let api: TestApi;
  let consoleServer: ChildProcess;
  let url: string;
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    consoleServer = spawn(process.execPath, [SERVER, '-H', '127.0.0.1', '-p', '0'], {
      env: { ...process.env, WEIR_ENGINE_URL: api.url, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      consoleServer.once('exit', (code) => reject(new Error(`console exited with ${code}`)));
      consoleServer.stdout?.on('data', (chunk: Buffer) => {
        const match = /console listening on (http:\S+)/.exec(chunk.toString());
        if (match) resolve(match[1] as string);
      });
    });
  }, 60_000);
  afterAll(async () => {
    consoleServer?.kill('SIGTERM');
    await api?.close();
  });

  const login = (headers: Record<string, string>, body: string) =>
    fetch(`${url}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('tells the engine the real client address, not the one a client claims', async () => {
    const forged = { 'x-forwarded-for': '7.7.7.7', 'x-forwarded-host': 'evil.example' };
    const answer = await login(
      forged,
      JSON.stringify({ username: 'nobody', password: 'x'.repeat(12) }),
    );
    expect(answer.status).toBe(401);
    const [row] = await api.store.audit.list({ action: 'auth.login', limit: 1 });
    expect(row?.sourceAddress).toBe('127.0.0.1');
  });

  it('refuses a body over the limit itself, with 413 and the limit named', async () => {
    const answer = await login(
      {},
      JSON.stringify({ username: 'a', password: 'b'.repeat(2 << 20) }),
    );
    expect(answer.status).toBe(413);
    const body = (await answer.json()) as { error: { message: string } };
    expect(body.error.message).toBe('Request body over the limit of 1048576 bytes.');
  });

  it('lets a jar upload past 1 MiB through to the engine, and only a jar upload', async () => {
    const form = () => {
      const body = new FormData();
      body.append('cluster', 'prod');
      body.append('jar', new File([new Uint8Array(2 << 20)], 'big.jar'));
      return body;
    };
    const upload = await fetch(`${url}/api/trpc/jars.upload`, { method: 'POST', body: form() });
    // The engine read it: it refuses a signed-out caller, not the body's size.
    expect(upload.status).toBe(401);
    const other = await fetch(`${url}/api/trpc/jobs.cancel`, { method: 'POST', body: form() });
    expect(other.status).toBe(413);
  });

  it('forbids framing and sets a content security policy', async () => {
    const page = await fetch(`${url}/login`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
