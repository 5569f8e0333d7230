import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WindowResult } from '@weir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.js';
import { boundedClickJob, datagenOf } from '../testing/bounded-click-job.js';
import { foldResults, referenceWindowCounts } from '../testing/click-reference.js';
import { HaCluster } from '../testing/ha-cluster.js';
import { waitFor } from '../testing/wait-for.js';
import { startZookeeperEnsemble, type ZookeeperEnsemble } from '../testing/zookeeper-services.js';

const SESSION_TIMEOUT_MS = 3000;
const KILLS = 5;

/**
 * Issue 5's takeover test: a 3-node ZooKeeper ensemble and engine processes on loopback; the
 * leader is SIGKILLed again and again while a deterministic job runs, a standby takes over from
 * the latest completed checkpoint each time, and the final results equal a failure-free run.
 */
describe('leader takeover under SIGKILL', () => {
  let zk: ZookeeperEnsemble;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let cluster: HaCluster;

  beforeAll(async () => {
    [zk, db, dir] = await Promise.all([
      startZookeeperEnsemble(3),
      createTestDatabase(),
      mkdtemp(path.join(tmpdir(), 'weir-ha-')),
    ]);
  });

  afterAll(async () => {
    await cluster?.stop();
    await Promise.allSettled([zk?.stop(), db?.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it(`a standby leads within the session timeout plus recovery after each of ${KILLS} kills, and results are exact`, async () => {
    const resultsFile = path.join(dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 200_000,
      ratePerSecond: 10_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 300,
    });
    const specFile = path.join(dir, 'job.json');
    await writeFile(specFile, JSON.stringify(spec));
    cluster = new HaCluster({
      zookeeper: zk.connectString,
      databaseUrl: db.url,
      dir,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      env: { WEIR_JOB_SPEC: specFile },
    });
    // One after the other: the first start creates the admin user both sign in as.
    await cluster.startEngine();
    await cluster.startEngine();
    let leader = await cluster.waitForLeader();
    expect(leader.change.previousInstanceId).toBeNull();

    const takeoverMs: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const before = leader.id;
      // Let the job checkpoint at least once under this leader, so each takeover restores.
      await waitFor(`a checkpoint completed under ${before}`, async () => {
        const job = await leader.engine.api.jobs.get.query({ jobId: spec.id });
        if (job.status === 'FINISHED') return true;
        const rows = await leader.engine.api.checkpoints.list.query({ jobId: spec.id, limit: 3 });
        return rows.some(
          (r) =>
            r.status === 'COMPLETED' && Date.parse(r.triggeredAt) > Date.parse(leader.change.at),
        );
      });
      const killedAt = Date.now();
      await cluster.kill(before);
      leader = await cluster.waitForLeader({ not: before });
      takeoverMs.push(Date.now() - killedAt);
      expect(leader.change.previousInstanceId).toBe(before);
      // Within the session timeout plus recovery (generous for a loaded 2-core machine).
      expect(Date.now() - killedAt).toBeLessThan(SESSION_TIMEOUT_MS + 15_000);
      await cluster.startEngine(); // a fresh standby for the next round
    }

    const finished = await waitFor(
      'the job to finish on the last leader',
      async () => {
        const job = await leader.engine.api.jobs.get.query({ jobId: spec.id });
        return job.status === 'FINISHED' ? job : null;
      },
      120_000,
      200,
    );
    expect(finished.restoredFrom).toMatch(/chk-\d+$/);
    const lines = (await readFile(resultsFile, 'utf8')).split('\n').filter(Boolean);
    const results = lines.map((line) => JSON.parse(line) as WindowResult);
    expect(foldResults(results)).toEqual(referenceWindowCounts(datagenOf(spec), 10_000));

    const history = await leader.engine.api.checkpoints.list.query({ jobId: spec.id, limit: 1000 });
    const completedIds = history.filter((r) => r.status === 'COMPLETED').map((r) => r.checkpointId);
    expect(new Set(completedIds).size).toBe(completedIds.length);
    const overview = await cluster.overview(leader.engine);
    expect(overview.leaderChanges.length).toBeGreaterThanOrEqual(KILLS + 1);
    console.log(`takeover after SIGKILL (ms): ${takeoverMs.join(', ')}`);
  }, 300_000);
});
