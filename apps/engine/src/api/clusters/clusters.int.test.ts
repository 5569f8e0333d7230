import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { startTestApi, type TestApi, userPrincipal } from '../../../testing/test-api.js';
import { fakeBackend } from '../../../testing/test-backend.js';
import { registryOn } from '../../../testing/test-cluster-registry.js';
import { trpcCodeOf as codeOf } from '../../../testing/trpc-code.js';
import { waitFor } from '../../../testing/wait-for.js';
import { alertSignals } from '../../alert-signals.js';
import { AlertEvaluator } from '../../alerts/evaluator.js';
import { ClusterJobs } from '../../backends/cluster-jobs.js';
import { runJar } from '../../backends/flink/flink-jars.js';

// Registering a real Flink 2.3 cluster through the API and reaching its jobs by cluster name,
// with roles, audit and an unreachable JobManager (issue 18).
const flink = flinkPerFile();
const admin = userPrincipal('root', 'admin');
const operator = userPrincipal('ops', 'operator');
const viewer = userPrincipal('eve', 'viewer');

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the call to fail');
}

describe('registered Flink clusters', () => {
  let api: TestApi;
  let jobId: string;

  beforeAll(async () => {
    api = await startTestApi(fakeBackend(), { clusterSecretsKey: randomBytes(32) });
    for (const principal of [admin, operator, viewer])
      if (principal.kind === 'user') await api.createUser(principal.username, principal.role);
    const example = await flink().uploadExample();
    jobId = await runJar(flink().client(), example.jarId, {
      entryClass: example.entryClass,
      args: ['--rate', '500', '--checkpoint-interval', '500'],
      parallelism: 1,
    });
  }, 120_000);
  afterAll(() => api?.close());

  it('an admin registers one once it answers; it is listed next to the embedded cluster', async () => {
    const registered = await api.callerAs(admin).clusters.register({
      id: 'local',
      kind: 'flink',
      restUrl: `${flink().restUrl}/`,
    });
    expect(registered).toMatchObject({
      id: 'local',
      kind: 'flink',
      restUrl: flink().restUrl,
      hasAuthorization: false,
      health: { state: 'up', error: null },
      capabilities: { rescaleInPlace: true, submitJar: true, submitSpec: false, results: false },
      flink: { version: flink().version, taskManagers: 1 },
      registeredBy: 'root',
    });
    const list = await api.callerAs(viewer).clusters.list();
    expect(list.map((c) => [c.id, c.kind])).toEqual([
      ['embedded', 'embedded'],
      ['local', 'flink'],
    ]);
    const [row] = await api.store.audit.list({ action: 'clusters.register', limit: 1 });
    expect(row).toMatchObject({ actor: 'root', result: 'ok' });
    expect(row?.params).toMatchObject({ id: 'local' });
  });

  it('reaches the Flink job by cluster name; the embedded cluster stays the default', async () => {
    const viewerCalls = api.callerAs(viewer);
    await waitFor(
      'the example job to run on the registered cluster',
      async () =>
        (await viewerCalls.jobs.list({ cluster: 'local' })).some(
          (job) => job.id === jobId && job.status === 'RUNNING',
        ),
      60_000,
      200,
    );
    const embeddedIds = (await viewerCalls.jobs.list()).map((job) => job.id);
    expect(embeddedIds).not.toContain(jobId);
    await waitFor(
      'a completed checkpoint of the Flink job',
      async () =>
        (await viewerCalls.checkpoints.list({ cluster: 'local', jobId, limit: 10 })).some(
          (c) => c.status === 'COMPLETED',
        ),
      60_000,
      200,
    );
    const overview = await viewerCalls.cluster.overview({ cluster: 'local' });
    expect(overview.flink?.scheduler).toBe('adaptive');
    expect(await messageOf(viewerCalls.jobs.list({ cluster: 'nowhere' }))).toContain(
      'cluster nowhere',
    );
  });

  it("refuses a viewer a Flink savepoint and audits an operator's with the cluster named", async () => {
    const attempt = { cluster: 'local', jobId };
    expect(await codeOf(api.callerAs(viewer).savepoints.trigger(attempt))).toBe('FORBIDDEN');
    const savepoint = await api.callerAs(operator).savepoints.trigger(attempt);
    expect(savepoint).toMatchObject({ jobId, kind: 'SAVEPOINT', status: 'COMPLETED' });
    const [taken, refused] = await api.store.audit.list({
      action: 'savepoints.trigger',
      limit: 2,
    });
    expect(taken).toMatchObject({ actor: 'ops', result: 'ok', jobId, params: attempt });
    expect(refused).toMatchObject({ actor: 'eve', result: 'error', jobId, params: attempt });
  });

  it('refuses what is not Flink, a name taken, and the embedded name, naming the field', async () => {
    const calls = api.callerAs(admin);
    // A port nothing listens on: the engine's own API answers HTTP, but not as Flink.
    const nothing = await messageOf(
      calls.clusters.register({ id: 'typo', kind: 'flink', restUrl: 'http://127.0.0.1:9' }),
    );
    expect(nothing).toContain('restUrl');
    expect(nothing).toContain('no Flink cluster answered');
    expect(
      await codeOf(
        calls.clusters.register({ id: 'local', kind: 'flink', restUrl: flink().restUrl }),
      ),
    ).toBe('CONFLICT');
    expect(
      await codeOf(
        calls.clusters.register({ id: 'embedded', kind: 'flink', restUrl: flink().restUrl }),
      ),
    ).toBe('BAD_REQUEST');
    expect((await calls.clusters.list()).map((c) => c.id)).toEqual(['embedded', 'local']);
  });

  it('lets only admins register or remove, with every attempt on record', async () => {
    const before = (await api.store.audit.list({ action: 'clusters.register', limit: 500 })).length;
    const attempt = { id: 'mine', kind: 'flink' as const, restUrl: flink().restUrl };
    expect(await codeOf(api.callerAs(operator).clusters.register(attempt))).toBe('FORBIDDEN');
    expect(await codeOf(api.callerAs(viewer).clusters.remove({ cluster: 'local' }))).toBe(
      'FORBIDDEN',
    );
    const rows = await api.store.audit.list({ action: 'clusters.register', limit: 500 });
    expect(rows.length).toBe(before + 1);
    expect(rows[0]).toMatchObject({ actor: 'ops', result: 'error' });
  });

  it('stores an Authorization header sealed, sends it, and never shows or audits it', async () => {
    const secret = 'Bearer weir-test-7f3a9c';
    const registered = await api.callerAs(admin).clusters.register({
      id: 'behind-proxy',
      kind: 'flink',
      restUrl: flink().restUrl,
      authorization: secret,
    });
    expect(registered.hasAuthorization).toBe(true);
    expect(JSON.stringify(registered)).not.toContain('weir-test');
    // Flink ignores the header; that calls still work shows the sealed value opens again.
    expect((await api.callerAs(viewer).jobs.list({ cluster: 'behind-proxy' })).length).toBe(1);
    const db = new pg.Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      const stored = await db.query(
        'SELECT "sealedAuthorization" FROM "FlinkCluster" WHERE id = $1',
        ['behind-proxy'],
      );
      expect(stored.rows[0]?.sealedAuthorization).toMatch(/^v1:/);
      expect(stored.rows[0]?.sealedAuthorization).not.toContain('weir-test');
      const audit = await db.query(
        `SELECT params::text AS params FROM "AuditEvent" WHERE action = 'clusters.register'`,
      );
      expect(audit.rows.map((r) => r.params).join('\n')).not.toContain('weir-test');
    } finally {
      await db.end();
    }
    await api.callerAs(admin).clusters.remove({ cluster: 'behind-proxy' });
    expect(await codeOf(api.callerAs(viewer).jobs.list({ cluster: 'behind-proxy' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('registers the clusters the deployment declares, keeping one registered already', async () => {
    const { registry, close } = await registryOn(api.databaseUrl);
    try {
      const declared = [`declared=${flink().restUrl}`, 'local=http://127.0.0.1:9'];
      // Declared clusters may still be starting: nothing is asked before storing them.
      expect(await registry.registerConfigured(declared)).toEqual(['local']);
      expect(await registry.registerConfigured(declared)).toEqual(['local']);
      const listed = await api.callerAs(viewer).clusters.list();
      expect(listed.find((c) => c.id === 'declared')).toMatchObject({
        restUrl: flink().restUrl,
        registeredBy: 'WEIR_FLINK_CLUSTERS',
        health: { state: 'up' },
      });
      expect(listed.find((c) => c.id === 'local')?.restUrl).toBe(flink().restUrl);
      await api.callerAs(admin).clusters.remove({ cluster: 'declared' });
    } finally {
      await close();
    }
  });

  it('evaluates alert rules over the Flink job too', async () => {
    const { registry, close } = await registryOn(api.databaseUrl);
    try {
      let offset = 0;
      const evaluator = new AlertEvaluator({
        alerts: api.store.alerts,
        signals: alertSignals({
          clusterJobs: new ClusterJobs(registry),
          embeddedCheckpointFailuresSince: async () => 0,
          leaderChangesSince: async () => 0,
          coordinationLost: () => false,
        }),
        now: () => Date.now() + offset,
        logger: pino({ level: 'silent' }),
        notify: false,
      });
      await evaluator.evaluate();
      expect(await api.store.alerts.firingAlerts()).toEqual([]);
      // Checkpoints complete every 500 ms; seen from 10 minutes on, none did for 10 minutes.
      offset = 10 * 60_000 + 1000;
      await evaluator.evaluate();
      const firing = await api.store.alerts.firingAlerts();
      expect(firing.map((a) => [a.jobId, a.kind])).toEqual([[jobId, 'checkpoint-stalled']]);
    } finally {
      await close();
    }
  });

  it('says "unreachable since" while the JobManager does not answer, and recovers', async () => {
    const calls = api.callerAs(viewer);
    const { jobManager } = flink().pids;
    // A stopped process accepts connections but never answers: every call runs into its timeout.
    process.kill(jobManager, 'SIGSTOP');
    try {
      const failure = await messageOf(calls.jobs.list({ cluster: 'local' }));
      expect(failure).toContain(flink().restUrl);
      const local = (await calls.clusters.list()).find((c) => c.id === 'local');
      expect(local?.health.state).toBe('unreachable');
      expect(local?.health.error).toBeTruthy();
      expect(local?.jobs).toBeNull();
      expect(Date.parse(local?.health.since ?? '')).not.toBeNaN();
      // The embedded cluster is untouched.
      expect((await calls.clusters.list()).find((c) => c.id === 'embedded')?.health.state).toBe(
        'up',
      );
    } finally {
      process.kill(jobManager, 'SIGCONT');
    }
    await waitFor(
      'the cluster to be up again',
      async () =>
        (await calls.clusters.list()).find((c) => c.id === 'local')?.health.state === 'up',
      30_000,
      200,
    );
    expect((await calls.jobs.list({ cluster: 'local' })).map((job) => job.id)).toContain(jobId);
  });
});
