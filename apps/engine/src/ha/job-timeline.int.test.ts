import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { JobEvent } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { boundedClickJob } from '../../testing/bounded-click-job.js';
import type { EngineProcess } from '../../testing/engine-process.js';
import { failingJob } from '../../testing/failing-job.js';
import { writeTestOperators } from '../../testing/fixtures/custom-operators.js';
import { haEnvironment } from '../../testing/ha-environment.js';
import { waitFor } from '../../testing/wait-for.js';

type Api = EngineProcess['api'];

/** A job's whole timeline, oldest first. */
async function timelineOf(api: Api, jobId: string): Promise<JobEvent[]> {
  return (await api.jobs.timeline.query({ jobId, limit: 500 })).reverse();
}

/**
 * Issue 21's timeline: what happened to a job is recorded by the leader in the database, so
 * once the leader is SIGKILLed its successor shows every event from before, in order, with
 * the restart causes, and adds its own.
 */
describe('the job timeline across a leader kill', () => {
  const env = haEnvironment('weir-timeline-');

  it('holds every event from before the kill, in order, with the causes', async () => {
    const operators = path.join(env.dir, 'operators');
    await mkdir(operators);
    await writeTestOperators(operators);
    const clicks = boundedClickJob({
      count: 400_000,
      ratePerSecond: 10_000,
      throttle: true,
      resultsFile: path.join(env.dir, 'results.jsonl'),
      checkpointIntervalMs: 300,
    });
    const cluster = await env.startCluster(clicks, 3000, {
      env: { WEIR_OPERATORS_DIR: operators },
    });
    const first = await cluster.waitForLeader();
    const flaky = failingJob('flaky');
    await first.engine.api.jobs.submit.mutate(flaky);
    await waitFor('the flaky job to fail for good', async () => {
      const job = await first.engine.api.jobs.get.query({ jobId: flaky.id });
      return job.status === 'FAILED';
    });
    await first.engine.api.savepoints.trigger.mutate({ jobId: clicks.id });

    const flakyBefore = await timelineOf(first.engine.api, flaky.id);
    const clicksBefore = await timelineOf(first.engine.api, clicks.id);
    // Each of the four runs failed on its 100th record; the last failure ended the job.
    const causes = flakyBefore.filter((e) => e.kind === 'exception').map((e) => e.message);
    expect(causes.filter((m) => m === 'boom at record 100')).toHaveLength(4);
    expect(causes.at(-1)).toMatch(/^not restarting: failed 4 times/);
    expect(flakyBefore.filter((e) => e.kind === 'status').map((e) => e.message)).toEqual([
      'CREATED → RUNNING',
      ...Array.from({ length: 3 }, () => [
        'RUNNING → FAILING',
        'FAILING → RESTARTING',
        'RESTARTING → RUNNING',
      ]).flat(),
      'RUNNING → FAILING',
      'FAILING → FAILED',
    ]);
    // The submit's audit row is written once the call returns, after the job started.
    const submit = flakyBefore.find((e) => e.kind === 'action');
    expect(submit).toMatchObject({ instanceId: first.id, auditId: expect.any(Number) });
    expect(submit?.message).toMatch(/: jobs\.submit \(ok\)$/);
    expect(clicksBefore.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['status', 'action', 'savepoint']),
    );

    await cluster.kill(first.id);
    const second = await cluster.waitForLeader({ not: first.id });
    await waitFor('the clicks job recovered by the new leader', async () => {
      const job = await second.engine.api.jobs.get.query({ jobId: clicks.id });
      return job.status === 'RUNNING';
    });

    // Everything from before, unchanged and in the same order, and nothing lost after it.
    expect(await timelineOf(second.engine.api, flaky.id)).toEqual(flakyBefore);
    const clicksAfter = await timelineOf(second.engine.api, clicks.id);
    expect(clicksAfter.slice(0, clicksBefore.length)).toEqual(clicksBefore);
    expect(clicksAfter.slice(clicksBefore.length)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'leader',
          message: 'recovered by a new leader',
          instanceId: second.id,
        }),
        expect.objectContaining({ kind: 'status', message: 'CREATED → RUNNING' }),
      ]),
    );
    // The exceptions tab reads the same history on the new leader.
    const exceptions = await second.engine.api.jobs.exceptions.query({ jobId: flaky.id });
    expect(exceptions.map((e) => e.message)).toEqual([...causes].reverse());
  }, 240_000);
});
