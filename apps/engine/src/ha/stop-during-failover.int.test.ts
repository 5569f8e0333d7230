import { existsSync } from 'node:fs';
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

const SESSION_TIMEOUT_MS = 4000;

/**
 * A stop-with-savepoint that a failover interrupts. The leader is frozen (SIGSTOP) as the stop
 * request reaches it, a standby takes over, and the old leader is thawed. Whichever way the
 * race goes, the job ends one way only: either the stop completed before the freeze (the job
 * is FINISHED and nobody runs it again), or it did not, and then the stop fails, the new leader
 * runs the job to its end, and the output is exactly the failure-free output.
 */
describe('stop-with-savepoint during a failover', () => {
  const env = haEnvironment('weir-stop-failover-');

  it('either stops the job for good or fails and leaves it running on the new leader', async () => {
    const resultsFile = path.join(env.dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 120_000,
      ratePerSecond: 10_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 200,
    });
    // Frozen the moment the leader's job starts stopping: mid-savepoint, or just after it.
    let freezeOnStop = true;
    const cluster = await env.startCluster(spec, SESSION_TIMEOUT_MS, {
      onLine: (id, line) => {
        if (freezeOnStop && line.includes('"state":"stopping with a savepoint"')) {
          freezeOnStop = false;
          cluster.freeze(id);
        }
      },
    });
    const old = await cluster.waitForLeader();
    await waitFor('a completed checkpoint', async () => {
      const job = await old.engine.api.jobs.get.query({ jobId: spec.id });
      return job.lastCompletedCheckpointAt !== null;
    });

    const stop = old.engine.api.savepoints.stop.mutate({ jobId: spec.id, drain: false }).then(
      (savepoint) => ({ completed: true as const, savepoint }),
      (error: Error) => ({ completed: false as const, error }),
    );
    await waitFor('the leader to be frozen as its job starts stopping', () => !freezeOnStop);
    const successor = await cluster.waitForLeader({ not: old.id });
    const logLinesAtThaw = old.engine.logs.length;
    cluster.thaw(old.id);
    const outcome = await stop;
    const oldLogsSinceThaw = () => old.engine.logs.slice(logLinesAtThaw).join('\n');

    console.info(`stop ${outcome.completed ? 'completed before' : 'failed in'} the failover`);
    if (outcome.completed) {
      // The stop won the race: the savepoint stands and the job stays stopped.
      expect(existsSync(path.join(outcome.savepoint.path ?? '', '_metadata'))).toBe(true);
      const job = await successor.engine.api.jobs.get.query({ jobId: spec.id });
      expect(job.status).toBe('FINISHED');
      const running = await successor.engine.api.jobs.list.query();
      expect(running.filter((j) => j.id === spec.id && j.status === 'RUNNING')).toEqual([]);
      return;
    }
    // The failover won: the deposed leader finished nothing, and the new leader runs the job
    // to its end from its latest checkpoint, with exactly the failure-free output.
    // A domain error the console can explain (retry at the new leader), never an internal one.
    const weirCode = (outcome.error as { data?: { weir?: { code?: string } } }).data?.weir?.code;
    expect(['NOT_LEADER', 'CONFLICT', 'UNAVAILABLE'], outcome.error.message).toContain(weirCode);
    await waitFor('the thawed leader to suspend its job', async () =>
      /"to":"SUSPENDED"/.test(oldLogsSinceThaw()),
    );
    expect(oldLogsSinceThaw()).not.toMatch(/"to":"FINISHED"/);
    const finished = await jobFinishedOn(successor.engine, spec.id, 'the new leader');
    expect(finished.restoredFrom).not.toBeNull();
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
  }, 240_000);
});
