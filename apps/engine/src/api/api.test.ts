import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedBackend } from '../backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from '../checkpoint/paths.js';
import { sampleJobSpec } from '../jobs/sample-job.js';
import { MemoryAudit } from '../testing/memory-audit.js';
import { MemoryHistory } from '../testing/memory-history.js';
import { startApiServer } from './http-server.js';
import { appRouter } from './root.js';
import { createCallerFactory } from './trpc.js';

let dir: string;
let backend: EmbeddedBackend;
let audit: MemoryAudit;
const instance = {
  instanceId: 'i-1',
  role: 'leader' as const,
  apiAddress: 'http://127.0.0.1:1',
  startedAt: new Date().toISOString(),
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-api-'));
  const jobs = { upsertJob: async () => ({}), setJobStatus: async () => ({}) };
  backend = new EmbeddedBackend({
    clusterId: 'test',
    instance,
    paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
    history: new MemoryHistory(),
    jobs,
    logger: pino({ level: 'silent' }),
    now: Date.now,
  });
  audit = new MemoryAudit();
  await backend.submit(
    sampleJobSpec({ ratePerSecond: 5000, seed: 1, checkpointIntervalMs: 60_000 }),
  );
});

afterEach(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

const caller = () =>
  createCallerFactory(appRouter)({ backend, audit, actor: 'tester', sourceAddress: '127.0.0.1' });

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe('API', () => {
  it('lists the running job and describes its vertices with roles', async () => {
    const api = caller();
    expect((await api.jobs.list()).map((j) => [j.id, j.status])).toEqual([
      ['clicks-per-user', 'RUNNING'],
    ]);
    const job = await api.jobs.get({ jobId: 'clicks-per-user' });
    expect(job.vertices.map((v) => [v.id, v.role])).toEqual([
      ['clicks', 'source'],
      ['count-per-user', 'operator'],
      ['discard', 'sink'],
      ['recent', 'sink'],
    ]);
    expect((await api.cluster.overview()).leader?.instanceId).toBe('i-1');
  });

  it('answers NOT_FOUND for an unknown job', async () => {
    const error = await errorOf(caller().jobs.get({ jobId: 'nope' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('job nope not found');
  });

  it('over HTTP, rejects bad input with a message and a zodError naming the field, and no stack', async () => {
    const { server, port } = await startApiServer({
      host: '127.0.0.1',
      port: 0,
      registry: new Registry(),
      createContext: () => ({ backend, audit, actor: 'tester', sourceAddress: null }),
      isReady: () => true,
    });
    try {
      const input = encodeURIComponent(JSON.stringify({ jobId: 'Not A Slug', limit: 5 }));
      const res = await fetch(`http://127.0.0.1:${port}/trpc/checkpoints.list?input=${input}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: { message: string; data: Record<string, unknown> };
      };
      expect(body.error.message).toMatch(/^invalid input: jobId: /);
      expect(body.error.data.zodError).toMatchObject({
        fieldErrors: { jobId: [expect.any(String)] },
      });
      expect(body.error.data.stack).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes a savepoint and audits the call, and audits a failed call too', async () => {
    const api = caller();
    const savepoint = await api.savepoints.trigger({ jobId: 'clicks-per-user' });
    expect(savepoint).toMatchObject({ kind: 'SAVEPOINT', status: 'COMPLETED' });
    expect(savepoint.path).toContain(path.join(dir, 'sp', 'clicks-per-user'));
    expect(
      (await api.savepoints.list({ jobId: 'clicks-per-user', limit: 10 })).map(
        (s) => s.checkpointId,
      ),
    ).toEqual([savepoint.checkpointId]);

    await errorOf(api.savepoints.trigger({ jobId: 'missing-job' }));
    expect(audit.entries.map((e) => [e.action, e.jobId, e.result, e.actor])).toEqual([
      ['savepoints.trigger', 'clicks-per-user', 'ok', 'tester'],
      ['savepoints.trigger', 'missing-job', 'error', 'tester'],
    ]);
    expect(audit.entries[1]?.message).toBe('job missing-job not found');
  });
});
