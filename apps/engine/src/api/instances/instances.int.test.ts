import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { CpuProfileResult, InstanceResources } from '@weir/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendHarness } from '../../../testing/backend-harness.js';
import { boundedClickJob } from '../../../testing/bounded-click-job.js';
import { startTestApi, type TestApi } from '../../../testing/test-api.js';
import { call, sessionCookieFrom } from '../../../testing/test-http.js';
import { waitFor } from '../../../testing/wait-for.js';

/**
 * The instances router over HTTP on the real API: resources for viewers, CPU profiles for
 * operators only, each call on record once, bad input refused naming the field.
 */
describe('instances.resources and instances.profile', () => {
  let harness: BackendHarness;
  let api: TestApi;
  const cookies: Record<'viewer' | 'operator', string> = { viewer: '', operator: '' };
  const jobId = 'busy-clicks';

  beforeAll(async () => {
    harness = await BackendHarness.create();
    api = await startTestApi(harness.backend);
    for (const role of ['viewer', 'operator'] as const) {
      const { username, password } = await api.createUser(`${role}-1`, role);
      cookies[role] = sessionCookieFrom(
        await call(api.url, 'mutation', 'auth.login', { username, password }),
      );
    }
    await harness.backend.submit(
      boundedClickJob({
        id: jobId,
        count: 1_000_000_000,
        ratePerSecond: 1_000_000_000,
        throttle: false,
        resultsFile: path.join(harness.dir, 'results.jsonl'),
        checkpointIntervalMs: 3_600_000,
      }),
    );
  });
  afterAll(async () => {
    await api?.close();
    await harness?.dispose();
  });

  const resources = async () => {
    await api.sampler.sample();
    const answer = await call(
      api.url,
      'query',
      'instances.resources',
      {},
      {
        cookie: cookies.viewer,
      },
    );
    expect(answer.code).toBeNull();
    return answer.data as InstanceResources;
  };

  it("lets a viewer read this instance's threads, the job's worker among them", async () => {
    const seen = await waitFor('a sampled worker of the job', async () => {
      const r = await resources();
      return r.threads.some((t) => t.jobId === jobId && t.samples.length > 0) ? r : null;
    });
    expect(seen.instanceId).toBe('test-api');
    expect(seen.threads[0]).toMatchObject({ kind: 'main', threadId });
    expect(seen.process.length).toBeGreaterThan(0);
    const worker = seen.threads.find((t) => t.jobId === jobId);
    expect(worker?.subtasks.map((s) => s.subtaskIndex)).toEqual(worker?.subtasks.map(() => 0));
  });

  it('profiles a worker for an operator, with one audit row, and refuses viewers', async () => {
    const worker = (await resources()).threads.find((t) => t.jobId === jobId);
    const input = { threadId: worker?.threadId, seconds: 1 };
    const before = await api.store.audit.list({ action: 'instances.profile', limit: 50 });

    const refused = await call(api.url, 'mutation', 'instances.profile', input, {
      cookie: cookies.viewer,
    });
    expect(refused.code).toBe('FORBIDDEN');

    const answer = await call(api.url, 'mutation', 'instances.profile', input, {
      cookie: cookies.operator,
    });
    expect(answer.code).toBeNull();
    const profile = answer.data as CpuProfileResult;
    expect(profile).toMatchObject({ instanceId: 'test-api', threadId: worker?.threadId });
    const samples = (JSON.parse(profile.cpuprofile) as { samples: number[] }).samples;
    expect(profile.tree.nodes[0]?.total).toBe(samples.length);

    const rows = await api.store.audit.list({ action: 'instances.profile', limit: 50 });
    const added = rows.slice(0, rows.length - before.length);
    expect(added.map((r) => [r.actor, r.result])).toEqual([
      ['operator-1', 'ok'],
      ['viewer-1', 'error'],
    ]);
    expect(added[0]?.params).toMatchObject({ threadId: worker?.threadId, seconds: 1 });
  });

  it('refuses seconds out of bounds and unknown threads, naming what is wrong', async () => {
    for (const seconds of [0, 61, 1.5]) {
      const answer = await call(
        api.url,
        'mutation',
        'instances.profile',
        { threadId, seconds },
        { cookie: cookies.operator },
      );
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(/^invalid input: seconds: /);
    }
    const unknown = await call(
      api.url,
      'mutation',
      'instances.profile',
      { threadId: 987_654, seconds: 1 },
      { cookie: cookies.operator },
    );
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toBe('thread 987654 not found');
    const elsewhere = await call(
      api.url,
      'query',
      'instances.resources',
      { instanceId: 'nobody' },
      { cookie: cookies.viewer },
    );
    expect(elsewhere.message).toBe('instance nobody not found');
  });
});
