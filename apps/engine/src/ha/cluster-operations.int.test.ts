import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../../testing/click-reference.js';
import type { EngineProcess } from '../../testing/engine-process.js';
import type { HaCluster } from '../../testing/ha-cluster.js';
import { haEnvironment } from '../../testing/ha-environment.js';
import { waitFor } from '../../testing/wait-for.js';

/** Long enough that restarting two ZooKeeper nodes fits inside it (quorum loss, below). */
const SESSION_TIMEOUT_MS = 30_000;

/**
 * Issue 5's tests of a healthy cluster under operations and ZooKeeper faults, in order on one
 * job: a savepoint through a standby, an operator failover, one ZooKeeper node down, and the
 * quorum lost and regained. The job must end with exactly the failure-free results.
 */
describe('HA cluster operations and ZooKeeper faults', () => {
  const env = haEnvironment('weir-ha-ops-');
  let cluster: HaCluster;
  const resultsFile = () => path.join(env.dir, 'results.jsonl');
  const spec = () =>
    boundedClickJob({
      count: 200_000,
      ratePerSecond: 5_000,
      throttle: true,
      resultsFile: resultsFile(),
      checkpointIntervalMs: 300,
    });

  beforeAll(async () => {
    cluster = await env.startCluster(spec(), SESSION_TIMEOUT_MS);
  });

  const jobId = () => spec().id;
  const standbyOf = (leaderId: string) => {
    const entry = [...cluster.engines].find(([id]) => id !== leaderId);
    if (!entry) throw new Error('no standby');
    return { id: entry[0], engine: entry[1] };
  };
  const completedSince = async (via: EngineProcess, since: number) => {
    const rows = await via.api.checkpoints.list.query({ jobId: jobId(), limit: 50 });
    return rows.filter((r) => r.status === 'COMPLETED' && r.checkpointId > since);
  };

  it('a savepoint triggered through a standby is taken by the leader', async () => {
    const leader = await cluster.waitForLeader();
    const standby = standbyOf(leader.id);
    const before = leader.engine.logs.length;
    const savepoint = await standby.engine.api.savepoints.trigger.mutate({ jobId: jobId() });
    expect(savepoint.status).toBe('COMPLETED');
    expect(savepoint.path).toContain(path.join(env.dir, 'savepoints'));
    const leaderLogs = leader.engine.logs.slice(before).join('\n');
    expect(leaderLogs).toMatch(
      new RegExp(`"checkpoint":${savepoint.checkpointId},"kind":"SAVEPOINT"`),
    );
    expect(standby.engine.logs.join('\n')).not.toMatch(/"kind":"SAVEPOINT"/);
    const listed = await standby.engine.api.savepoints.list.query({ jobId: jobId(), limit: 10 });
    expect(listed.map((s) => s.checkpointId)).toContain(savepoint.checkpointId);
  });

  it('an operator failover moves leadership and the job continues from its checkpoint', async () => {
    const leader = await cluster.waitForLeader();
    const standby = standbyOf(leader.id);
    const result = await standby.engine.api.cluster.failover.mutate();
    expect(result.previousLeader).toBe(leader.id);
    expect(result.newLeader).toBe(standby.id);
    expect(result.recoveryMs).toBeGreaterThanOrEqual(0);
    const now = await cluster.waitForLeader();
    expect(now.id).toBe(standby.id);
    expect(now.change.reason).toBe('operator failover');
    const job = await now.engine.api.jobs.get.query({ jobId: jobId() });
    expect(job.restoredFrom).toMatch(/chk-\d+$/);
    const restoredId = Number(/chk-(\d+)$/.exec(job.restoredFrom ?? '')?.[1]);
    await waitFor(
      'a checkpoint after the failover',
      async () => (await completedSince(now.engine, restoredId)).length > 0,
    );
  });

  it('one ZooKeeper node down changes nothing; a lost quorum suspends commits until it returns', async () => {
    const leader = await cluster.waitForLeader();
    const changesBefore = (await cluster.overview()).leaderChanges.length;
    const [first, second] = env.zk.nodes;
    if (!first || !second) throw new Error('expected three ZooKeeper nodes');

    await first.kill();
    const lastBefore = Math.max(
      0,
      ...(await completedSince(leader.engine, 0)).map((r) => r.checkpointId),
    );
    await waitFor(
      'three more checkpoints with one ZooKeeper node down',
      async () => (await completedSince(leader.engine, lastBefore)).length >= 3,
    );
    expect((await cluster.overview(leader.engine)).leaderChanges.length).toBe(changesBefore);

    await second.kill();
    try {
      await waitFor('the leader to report its ZooKeeper connection suspended', async () => {
        const overview = await leader.engine.api.cluster.overview.query();
        return (
          overview.instances.find((i) => i.instanceId === leader.id)?.coordination === 'suspended'
        );
      });
      const suspendedAt = leader.engine.logs.length;
      const sinceSuspended = () => leader.engine.logs.slice(suspendedAt);
      await waitFor(
        'three checkpoints refused while ZooKeeper is unreachable',
        () => sinceSuspended().filter((line) => /snapshot not triggered/.test(line)).length >= 3,
      );
      expect(sinceSuspended().join('\n')).not.toMatch(/snapshot completed/);
    } finally {
      await Promise.all([first.start(), second.start()]);
    }
    const lastDuring = Math.max(
      0,
      ...(await completedSince(leader.engine, 0)).map((r) => r.checkpointId),
    );
    await waitFor(
      'checkpoints completing again once the quorum is back',
      async () => (await completedSince(leader.engine, lastDuring)).length > 0,
      60_000,
    );
    const after = await cluster.overview(leader.engine);
    expect(after.leader?.instanceId).toBe(leader.id);
    expect(after.leaderChanges.length).toBe(changesBefore);
  });

  it('the job finishes with exactly the failure-free results', async () => {
    const leader = await cluster.waitForLeader();
    await waitFor(
      'the job to finish',
      async () =>
        (await leader.engine.api.jobs.get.query({ jobId: jobId() })).status === 'FINISHED',
      180_000,
      250,
    );
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec()), 10_000), resultsFile()),
    ).toEqual(NO_DIFFERENCE);
  }, 200_000);
});
