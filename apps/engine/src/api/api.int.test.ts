import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { problemsOf, REDACTED, sampleJobSpec } from '@weir/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { MemoryHistory } from '../../testing/memory-history.js';
import { memoryTimeline } from '../../testing/memory-job-events.js';
import { singleInstance } from '../../testing/single-instance.js';
import { startTestApi, type TestApi, userPrincipal } from '../../testing/test-api.js';
import { call, sessionCookieFrom } from '../../testing/test-http.js';
import { waitFor } from '../../testing/wait-for.js';
import { EmbeddedBackend } from '../backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from '../checkpoint/storage/paths.js';

let dir: string;
let backend: EmbeddedBackend;
let api: TestApi;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-api-'));
  const jobs = { upsertJob: async () => ({}), setJobStatus: async () => ({}) };
  backend = new EmbeddedBackend({
    clusterId: 'test',
    ...singleInstance(createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp'))),
    paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
    history: new MemoryHistory(),
    jobs,
    logger: pino({ level: 'silent' }),
    now: Date.now,
    timeline: memoryTimeline(),
    fileSinkRoot: dir,
    secretsDir: dir,
  });
  api = await startTestApi(backend);
  await backend.submit(
    sampleJobSpec({ ratePerSecond: 5000, seed: 1, checkpointIntervalMs: 60_000 }),
  );
});

afterAll(async () => {
  await api?.close();
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

const caller = () => api.callerAs(userPrincipal('tester', 'operator'));

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe('API', () => {
  it('pages dead letters for viewers; replay is refused, audited once, for a job that reads no Kafka topic', async () => {
    const jobId = 'clicks-per-user';
    await api.deadLetters.publish(
      jobId,
      [
        {
          id: 'api-batch',
          epoch: 1,
          vertexId: 'parse',
          subtaskIndex: 0,
          count: 2,
          letters: ['{bad', '{worse'].map((record) => ({
            at: new Date().toISOString(),
            operatorUid: 'parse',
            reason: 'malformed JSON: oops',
            record,
            truncated: false,
          })),
        },
      ],
      null,
    );
    const page = await api
      .callerAs(userPrincipal('watcher', 'viewer'))
      .jobs.deadLetters({ jobId, limit: 10 });
    expect(page).toMatchObject({ counted: 2, matching: 2, nextCursor: null });
    const ids = page.items.map((letter) => letter.id);

    const refused = await errorOf(caller().jobs.replayDeadLetters({ jobId, ids }));
    expect(refused.message).toMatch(/reads no Kafka topic/);
    const rows = await api.store.audit.list({ action: 'jobs.replayDeadLetters', limit: 10 });
    expect(rows.map((r) => [r.jobId, r.result, r.actor])).toEqual([[jobId, 'error', 'tester']]);

    const unknown = await errorOf(caller().jobs.replayDeadLetters({ jobId, ids: ['999999'] }));
    expect(unknown.message).toBe(`ids: job "${jobId}" has no dead letter 999999`);
    const malformed = await errorOf(caller().jobs.replayDeadLetters({ jobId, ids: ['1; drop'] }));
    expect(problemsOf(malformed.cause as ZodError)).toEqual([
      { field: 'ids.0', message: 'a dead letter id' },
    ]);
  });

  it('lists the running job and describes its vertices with roles', async () => {
    const client = caller();
    expect((await client.jobs.list()).map((j) => [j.id, j.status])).toEqual([
      ['clicks-per-user', 'RUNNING'],
    ]);
    const job = await client.jobs.get({ jobId: 'clicks-per-user' });
    expect(job.vertices.map((v) => [v.id, v.role])).toEqual([
      ['clicks', 'source'],
      ['count-per-user', 'operator'],
      ['discard', 'sink'],
      ['recent', 'sink'],
    ]);
    expect((await client.cluster.overview()).leader?.instanceId).toBe('test-1');
  });

  it('plans a spec without running it: chains, roles and edges; a bad one names the field', async () => {
    const spec = sampleJobSpec({ ratePerSecond: 10, seed: 3, checkpointIntervalMs: 60_000 });
    const planned = { ...spec, id: 'planned-only' };
    const plan = await caller().jobs.plan({ spec: planned });
    expect(plan.jobName).toBe(spec.name);
    expect(plan.vertices.map((v) => [v.id, v.role, v.operators, v.parallelism])).toEqual([
      ['clicks', 'source', ['datagen', 'parse-json'], 2],
      ['count-per-user', 'operator', ['tumbling-count'], 2],
      ['discard', 'sink', ['blackhole'], 2],
      ['recent', 'sink', ['recent-results'], 2],
    ]);
    expect(plan.edges.map((e) => [e.source, e.target, e.partitioning])).toEqual([
      ['clicks', 'count-per-user', 'hash'],
      ['count-per-user', 'discard', 'forward'],
      ['count-per-user', 'recent', 'forward'],
    ]);
    expect((await caller().jobs.list()).map((j) => j.id)).not.toContain('planned-only');

    const tooWide = { ...planned, parallelism: 200 };
    const error = await errorOf(caller().jobs.plan({ spec: tooWide }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(problemsOf(error.cause as ZodError)).toEqual([
      { field: 'spec.parallelism', message: 'parallelism exceeds maxParallelism' },
    ]);
  });

  it('answers NOT_FOUND for an unknown job', async () => {
    const error = await errorOf(caller().jobs.get({ jobId: 'nope' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('job nope not found');
  });

  it('over HTTP, rejects bad input with a message and a zodError naming the field, and no stack', async () => {
    const { username, password } = await api.createUser('reader', 'viewer');
    const cookie = sessionCookieFrom(
      await call(api.url, 'mutation', 'auth.login', { username, password }),
    );
    const input = encodeURIComponent(JSON.stringify({ jobId: 'Not A Slug', limit: 5 }));
    const res = await fetch(`${api.url}/trpc/checkpoints.list?input=${input}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { message: string; data: Record<string, unknown> };
    };
    expect(body.error.message).toMatch(/^invalid input: jobId: /);
    expect(body.error.data.zodError).toMatchObject({
      fieldErrors: { jobId: [expect.any(String)] },
    });
    expect(body.error.data.stack).toBeUndefined();
  });

  it('refuses a restore into a spec that still holds a redacted secret, naming the field', async () => {
    const spec = sampleJobSpec({ ratePerSecond: 100, seed: 2, checkpointIntervalMs: 60_000 });
    const withSecret = {
      ...spec,
      operators: [
        ...spec.operators,
        {
          uid: 'ext',
          kind: 'custom' as const,
          config: { module: 'ext', config: { password: REDACTED } },
        },
      ],
    };
    const request = { jobId: spec.id, snapshotPath: path.join(dir, 'any'), spec: withSecret };
    const refusals = [
      () => caller().jobs.restoreCheck(request),
      () => caller().jobs.restore(request),
    ];
    for (const refused of refusals) {
      const error = await errorOf(refused());
      expect(error.code).toBe('BAD_REQUEST');
      // Refused by the input schema, before the backend reads any snapshot.
      expect(error.message).toContain('operators[5].config.config.password still reads');
    }
  });

  it('takes a savepoint and audits the call, and audits a failed call too', async () => {
    const client = caller();
    const savepoint = await client.savepoints.trigger({ jobId: 'clicks-per-user' });
    expect(savepoint).toMatchObject({ kind: 'SAVEPOINT', status: 'COMPLETED' });
    expect(savepoint.path).toContain(path.join(dir, 'sp', 'clicks-per-user'));
    expect(
      (await client.savepoints.list({ jobId: 'clicks-per-user', limit: 10 })).map(
        (s) => s.checkpointId,
      ),
    ).toEqual([savepoint.checkpointId]);

    await errorOf(client.savepoints.trigger({ jobId: 'missing-job' }));
    const rows = await api.store.audit.list({ action: 'savepoints.trigger', limit: 10 });
    expect(rows.map((e) => [e.action, e.jobId, e.result, e.actor])).toEqual([
      ['savepoints.trigger', 'missing-job', 'error', 'tester'],
      ['savepoints.trigger', 'clicks-per-user', 'ok', 'tester'],
    ]);
    expect(rows[0]?.message).toBe('job missing-job not found');
  });

  it('starts a job from a spec, on the audit trail under its id, and serves the spec back', async () => {
    const client = caller();
    const spec = sampleJobSpec({ ratePerSecond: 100, seed: 2, checkpointIntervalMs: 60_000 });
    const submitted = await client.jobs.submit({
      ...spec,
      id: 'second-job',
      maxParallelism: 64,
      labels: { team: 'payments' },
    });
    expect(submitted).toMatchObject({ id: 'second-job', labels: { team: 'payments' } });
    const badLabel = await errorOf(client.jobs.submit({ ...spec, id: 'x', labels: { Team: 'a' } }));
    expect(problemsOf(badLabel.cause as ZodError)).toEqual([
      expect.objectContaining({ field: 'labels.Team' }),
    ]);
    const job = await client.jobs.get({ jobId: 'second-job' });
    expect(job.maxParallelism).toBe(64);
    expect(job.spec?.checkpointing.intervalMs).toBe(60_000);
    expect(await client.jobs.operations({ jobId: 'second-job' })).toEqual([]);
    const unknownVertex = client.jobs.loadHistory({ jobId: 'second-job', vertexId: 'nope' });
    expect((await errorOf(unknownVertex)).code).toBe('NOT_FOUND');
    const again = await errorOf(client.jobs.submit({ ...spec, id: 'second-job' }));
    expect(again.code).toBe('CONFLICT');

    const rows = await api.store.audit.list({ action: 'jobs.submit', limit: 10 });
    expect(rows.map((e) => [e.jobId, e.result, e.actor])).toEqual([
      ['second-job', 'error', 'tester'],
      ['x', 'error', 'tester'],
      ['second-job', 'ok', 'tester'],
    ]);
  });

  it('upgrades a job as an operator: one audit row, a new version under their name; viewers are refused', async () => {
    const client = caller();
    const spec = sampleJobSpec({ ratePerSecond: 100, seed: 4, checkpointIntervalMs: 60_000 });
    await client.jobs.submit({ ...spec, id: 'upgraded-job' });
    const next = { ...spec, id: 'upgraded-job', name: 'Clicks per user, renamed' };
    const request = { jobId: 'upgraded-job', spec: next, rollbackAfterMs: 0 };

    const viewer = api.callerAs(userPrincipal('vera', 'viewer'));
    expect((await errorOf(viewer.jobs.upgrade(request))).code).toBe('FORBIDDEN');
    const wrongId = await errorOf(
      client.jobs.upgrade({ ...request, spec: { ...next, id: 'other' } }),
    );
    expect(problemsOf(wrongId.cause as ZodError)).toEqual([
      { field: 'spec.id', message: 'is "other"; an upgrade keeps the job\'s id "upgraded-job"' },
    ]);

    const dryRun = await client.jobs.upgradeCheck({ jobId: 'upgraded-job', spec: next });
    expect(dryRun).toMatchObject({ ok: true, diff: { settings: ['name'] } });
    const started = await client.jobs.upgrade(request);
    const done = await waitFor('the upgrade to end', async () => {
      const now = await client.jobs.operation({ operationId: started.id });
      return now.status === 'RUNNING' ? null : now;
    });
    expect(done, done.error ?? '').toMatchObject({ kind: 'upgrade', status: 'SUCCEEDED' });
    const versions = await viewer.jobs.versions({ jobId: 'upgraded-job' });
    expect(versions.map((v) => [v.version, v.origin, v.author, v.spec.name])).toEqual([
      [2, 'upgrade', 'tester', 'Clicks per user, renamed'],
      [1, 'submit', 'tester', spec.name],
    ]);

    const rows = await api.store.audit.list({ action: 'jobs.upgrade', limit: 10 });
    expect(rows.map((e) => [e.jobId, e.result, e.actor])).toEqual([
      ['upgraded-job', 'ok', 'tester'],
      ['upgraded-job', 'error', 'tester'],
      ['upgraded-job', 'error', 'vera'],
    ]);
  });

  it('keeps a savepoint from retention: listed with who kept it, not disposable until given back', async () => {
    const client = caller();
    const ref = { jobId: 'clicks-per-user' };
    const savepoint = await client.savepoints.trigger(ref);
    const { checkpointId } = savepoint;
    expect(await client.savepoints.keep({ ...ref, checkpointId, keep: true })).toMatchObject({
      checkpointId,
      keptBy: 'tester',
    });
    const [listed] = await client.savepoints.list({ ...ref, limit: 1 });
    expect(listed).toMatchObject({ checkpointId, keptBy: 'tester' });
    const refused = await errorOf(client.savepoints.dispose({ ...ref, checkpointId }));
    expect([refused.code, refused.message]).toEqual([
      'CONFLICT',
      `savepoint ${checkpointId} of job clicks-per-user is kept by tester; give it back to retention first`,
    ]);
    await client.savepoints.keep({ ...ref, checkpointId, keep: false });
    expect((await client.savepoints.dispose({ ...ref, checkpointId })).disposedAt).toBeTruthy();
  });

  it('sets a savepoint policy as an operator, read back by viewers, with one audit row', async () => {
    const ref = { jobId: 'clicks-per-user' };
    const viewer = api.callerAs(userPrincipal('vera', 'viewer'));
    expect(await viewer.savepoints.policy(ref)).toEqual({
      intervalMs: null,
      keepCount: null,
      keepForMs: null,
      updatedBy: null,
      updatedAt: null,
    });
    const policy = { intervalMs: 6 * 3_600_000, keepCount: 5, keepForMs: null };
    expect((await errorOf(viewer.savepoints.setPolicy({ ...ref, policy }))).code).toBe('FORBIDDEN');
    const tooOften = await errorOf(
      caller().savepoints.setPolicy({ ...ref, policy: { ...policy, intervalMs: 1000 } }),
    );
    expect(problemsOf(tooOften.cause as ZodError).map((p) => p.field)).toEqual([
      'policy.intervalMs',
    ]);
    const stored = await caller().savepoints.setPolicy({ ...ref, policy });
    expect(stored).toMatchObject({ ...policy, updatedBy: 'tester' });
    expect(await viewer.savepoints.policy(ref)).toEqual(stored);
    const rows = await api.store.audit.list({ action: 'savepoints.setPolicy', limit: 10 });
    expect(rows.map((r) => [r.actor, r.result])).toEqual([
      ['tester', 'ok'],
      ['tester', 'error'],
      ['vera', 'error'],
    ]);
  });
});
