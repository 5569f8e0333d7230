import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { JobSpecSchema, type LogLine, type LogsQueryInput } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { boundedClickJob } from '../../testing/bounded-click-job.js';
import type { EngineProcess } from '../../testing/engine-process.js';
import { failingJob } from '../../testing/failing-job.js';
import { writeTestOperators } from '../../testing/fixtures/custom-operators.js';
import { haEnvironment } from '../../testing/ha-environment.js';
import { waitFor } from '../../testing/wait-for.js';

type Api = EngineProcess['api'];

/** Datagen into a log sink at warn: log lines written in a worker thread, about one subtask. */
const talkerJob = (id: string) =>
  JobSpecSchema.parse({
    id,
    name: id,
    checkpointing: { intervalMs: 3_600_000 },
    operators: [
      {
        uid: 'numbers',
        kind: 'datagen',
        config: { seed: 5, ratePerSecond: 20, throttle: true, count: 1_000_000, startTime: 0 },
      },
      { uid: 'talk', kind: 'log', config: { level: 'warn', maxPerSecond: 5 } },
    ],
    edges: [{ from: 'numbers', to: 'talk', partitioning: 'rebalance' }],
  });

/** Waits until `query` finds lines that `enough` accepts, and returns them. */
const linesFound = (
  what: string,
  api: Api,
  query: Omit<LogsQueryInput, 'limit'>,
  enough: (lines: LogLine[]) => boolean = (lines) => lines.length > 0,
) =>
  waitFor(what, async () => {
    const page = await api.logs.query.query({ ...query, limit: 500 });
    return enough(page.lines) ? page : null;
  });

/**
 * Issue 21's logs: every instance keeps its own log lines (its worker threads' included), and
 * any instance answers for another through that one's API, so a job's lines are found by job
 * and level on the leader and, after the leader became a standby, through the new leader.
 */
describe('instance logs in a ZooKeeper cluster', () => {
  const env = haEnvironment('weir-logs-');

  it("finds a job's lines by job and level on the leader and on the standby", async () => {
    const operators = path.join(env.dir, 'operators');
    await mkdir(operators);
    await writeTestOperators(operators);
    const clicks = boundedClickJob({
      count: 400_000,
      ratePerSecond: 5_000,
      throttle: true,
      resultsFile: path.join(env.dir, 'results.jsonl'),
      checkpointIntervalMs: 500,
    });
    const cluster = await env.startCluster(clicks, 3000, {
      env: { WEIR_OPERATORS_DIR: operators },
    });
    const first = await cluster.waitForLeader();
    const standbyId = [...cluster.engines.keys()].find((id) => id !== first.id) as string;
    const standby = cluster.engines.get(standbyId) as EngineProcess;

    const flaky = failingJob('flaky');
    const talker = talkerJob('talker');
    await first.engine.api.jobs.submit.mutate(flaky);
    await first.engine.api.jobs.submit.mutate(talker);
    await waitFor('the flaky job to fail for good', async () => {
      const job = await first.engine.api.jobs.get.query({ jobId: flaky.id });
      return job.status === 'FAILED';
    });

    // On the leader: the flaky job's failures, at error level, naming vertex and subtask.
    const errors = await linesFound(
      'the flaky job failing, in the leader log',
      first.engine.api,
      { jobId: flaky.id, level: 'error' },
      (lines) => lines.some((l) => l.msg === 'subtask failed'),
    );
    expect(errors.instanceId).toBe(first.id);
    expect(errors.lines.every((l) => l.jobId === flaky.id)).toBe(true);
    expect(errors.lines.every((l) => l.level === 'error' || l.level === 'fatal')).toBe(true);
    expect(errors.lines.filter((l) => l.msg === 'subtask failed')).toHaveLength(4);
    expect(errors.lines.find((l) => l.msg === 'subtask failed')).toMatchObject({
      vertexId: expect.any(String),
      subtaskIndex: 0,
    });
    // Newest first.
    const seqs = errors.lines.map((l) => l.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    // Lines a worker thread logged, about its subtask.
    const talk = await linesFound('the log sink in the leader log', first.engine.api, {
      jobId: talker.id,
      level: 'warn',
      text: '"MSG":"RECORD"',
    });
    expect(talk.lines[0]).toMatchObject({ level: 'warn', msg: 'record', subtaskIndex: 0 });
    expect(talk.lines[0]?.vertexId).toEqual(expect.any(String));
    const talkErrors = await first.engine.api.logs.query.query({
      jobId: talker.id,
      level: 'error',
      limit: 500,
    });
    expect(talkErrors.lines).toEqual([]);

    // The standby's lines through the leader's API, and the leader's through the standby's.
    const standbyOwn = await first.engine.api.logs.query.query({
      instanceId: standbyId,
      text: 'API listening',
      limit: 10,
    });
    expect(standbyOwn.instanceId).toBe(standbyId);
    expect(standbyOwn.lines).toHaveLength(1);
    const viaStandby = await standby.api.logs.query.query({
      instanceId: first.id,
      jobId: flaky.id,
      level: 'error',
      limit: 500,
    });
    expect(viaStandby.instanceId).toBe(first.id);
    expect(viaStandby.lines.map((l) => l.seq)).toEqual(errors.lines.map((l) => l.seq));

    // A batch that holds a call for the leader goes there whole (leader forwarding), logs query
    // included: the leader still asks the instance the logs query names.
    const [jobs, batched] = await Promise.all([
      standby.api.jobs.list.query(),
      standby.api.logs.query.query({ instanceId: standbyId, text: 'API listening', limit: 10 }),
    ]);
    expect(jobs.map((j) => j.id)).toContain(flaky.id);
    expect(batched).toEqual(standbyOwn);

    // The leader steps down and stays on as a standby: its job lines are reachable through
    // the new leader's API, and the new leader has the lines of the jobs it took over.
    const result = await standby.api.cluster.failover.mutate();
    expect(result.newLeader).toBe(standbyId);
    const second = await cluster.waitForLeader({ not: first.id });
    expect(second.id).toBe(standbyId);
    const onStandby = await second.engine.api.logs.query.query({
      instanceId: first.id,
      jobId: flaky.id,
      level: 'error',
      limit: 500,
    });
    expect(onStandby.instanceId).toBe(first.id);
    expect(onStandby.lines.map((l) => l.seq)).toEqual(errors.lines.map((l) => l.seq));
    const talkOnStandby = await second.engine.api.logs.query.query({
      instanceId: first.id,
      jobId: talker.id,
      level: 'warn',
      limit: 5,
    });
    expect(talkOnStandby.lines.length).toBeGreaterThan(0);
    expect(talkOnStandby.lines.every((l) => l.jobId === talker.id)).toBe(true);

    await linesFound('the clicks job recovered, in the new leader log', second.engine.api, {
      jobId: clicks.id,
      level: 'info',
      text: 'restored state',
    });
    // Following: only lines after the cursor come back.
    const now = await second.engine.api.logs.query.query({ jobId: talker.id, limit: 1 });
    const newer = await linesFound('new log sink lines on the new leader', second.engine.api, {
      jobId: talker.id,
      afterSeq: now.after,
    });
    expect(newer.lines.every((l) => l.seq > now.after)).toBe(true);

    // An instance that is not in the cluster.
    await expect(
      second.engine.api.logs.query.query({ instanceId: 'nobody', limit: 1 }),
    ).rejects.toThrow(/instance nobody not found/);
  }, 240_000);
});
