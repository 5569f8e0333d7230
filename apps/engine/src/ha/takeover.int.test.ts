import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../../testing/click-reference.js';
import { jobFinishedOn } from '../../testing/engine-process.js';
import { haEnvironment } from '../../testing/ha-environment.js';
import { waitFor } from '../../testing/wait-for.js';

const SESSION_TIMEOUT_MS = 3000;
const KILLS = 5;

/**
 * Issue 5's takeover test: a 3-node ZooKeeper ensemble and engine processes on loopback; the
 * leader is SIGKILLed again and again while a deterministic job runs, a standby takes over from
 * the latest completed checkpoint each time, and the final results equal a failure-free run.
 */
describe('leader takeover under SIGKILL', () => {
  const env = haEnvironment('weir-ha-');

  it(`a standby leads within the session timeout plus recovery after each of ${KILLS} kills, and results are exact`, async () => {
    const resultsFile = path.join(env.dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 200_000,
      ratePerSecond: 10_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 300,
    });
    const cluster = await env.startCluster(spec, SESSION_TIMEOUT_MS);
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

    const finished = await jobFinishedOn(leader.engine, spec.id, 'the last leader');
    expect(finished.restoredFrom).toMatch(/chk-\d+$/);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);

    const history = await leader.engine.api.checkpoints.list.query({ jobId: spec.id, limit: 1000 });
    const completedIds = history.filter((r) => r.status === 'COMPLETED').map((r) => r.checkpointId);
    expect(new Set(completedIds).size).toBe(completedIds.length);
    const overview = await cluster.overview(leader.engine);
    expect(overview.leaderChanges.length).toBeGreaterThanOrEqual(KILLS + 1);
    console.log(`takeover after SIGKILL (ms): ${takeoverMs.join(', ')}`);
  }, 300_000);
});
