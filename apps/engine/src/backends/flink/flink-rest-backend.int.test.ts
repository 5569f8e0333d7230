import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JobDetailSchema, VertexLoadHistorySchema } from '@weir/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { waitFor } from '../../../testing/wait-for.js';
import { WeirError } from '../../errors/weir-error.js';
import { runJar } from './flink-jars.js';
import { FlinkRestBackend } from './flink-rest-backend.js';

// The read side of FlinkRestBackend against a real Flink 2.3.0 session cluster (from Maven
// Central jars, scripts/services/flink.mjs) running the example job (examples/flink-clicks).
// Its actions (savepoints, stop, restore, rescale, cancel) are in
// flink-rest-backend-actions.int.test.ts.
const flink = flinkPerFile();

describe('FlinkRestBackend on a real Flink cluster', () => {
  let backend: FlinkRestBackend;
  let jobId: string;
  let example: { jarId: string; entryClass: string };

  beforeAll(async () => {
    backend = new FlinkRestBackend({ clusterId: 'local-flink', restUrl: flink().restUrl });
    example = await flink().uploadExample();
    jobId = await runJar(flink().client(), example.jarId, {
      entryClass: example.entryClass,
      args: ['--rate', '2000', '--checkpoint-interval', '500'],
      parallelism: 2,
    });
    await waitFor(
      'the example job to run',
      async () => (await backend.listJobs()).find((job) => job.id === jobId)?.status === 'RUNNING',
      60_000,
      200,
    );
  }, 120_000);

  it('reads the cluster overview: version, TaskManager, slots, adaptive scheduler', async () => {
    const overview = await backend.overview();
    expect(overview.clusterId).toBe('local-flink');
    expect(overview.haMode).toBe('embedded');
    expect(overview.jobs.running).toBeGreaterThanOrEqual(1);
    expect(overview.flink).toMatchObject({
      version: flink().version,
      restUrl: flink().restUrl,
      taskManagers: 1,
      slotsTotal: 4,
      scheduler: 'adaptive',
    });
  });

  it('lists the running job with its parallelism and start time', async () => {
    const job = (await backend.listJobs()).find((summary) => summary.id === jobId);
    expect(job).toMatchObject({
      name: 'clicks-per-user',
      status: 'RUNNING',
      parallelism: 2,
      restoredFrom: null,
      restarts: 0,
    });
    expect(job?.nativeStatus).toBeUndefined();
    expect(Date.parse(job?.startedAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
  });

  it('reads the job detail: topology from the plan, no spec, the Flink facts', async () => {
    // /jobs/:id is cached for `web.refresh-interval` (3 s), /jobs/overview is not: the detail
    // may still show the job waiting for slots, without a plan.
    const detail = await waitFor(
      'the job detail to show the running plan',
      async () => {
        const job = await backend.getJob(jobId);
        return job.status === 'RUNNING' && job.edges.length > 0 ? job : undefined;
      },
      20_000,
      250,
    );
    expect(JobDetailSchema.parse(detail)).toEqual(detail);
    expect(detail.spec).toBeUndefined();
    expect(detail.maxParallelism).toBe(128);
    const [source, window] = detail.vertices;
    expect(source).toMatchObject({
      role: 'source',
      operators: ['Source: clicks', 'parse', 'event-time'],
      parallelism: 2,
    });
    expect(window).toMatchObject({
      role: 'sink',
      operators: ['count-per-user', 'discard: Writer'],
      parallelism: 2,
    });
    expect(window?.subtasks.map((s) => s.subtaskIndex)).toEqual([0, 1]);
    expect(detail.edges).toEqual([
      { source: source?.id, target: window?.id, partitioning: 'hash', shipStrategy: 'HASH' },
    ]);
    expect(detail.flink).toEqual({ jobType: 'STREAMING', scheduler: 'Adaptive' });
  });

  it('shows live rates from two readings: the 2000 records/s the job is throttled to', async () => {
    // Flink refreshes the values it serves every 10 s: the second reading comes with that.
    const sink = await waitFor(
      'two readings of the window vertex',
      async () => {
        const vertex = (await backend.getJob(jobId)).vertices[1];
        if (!vertex) return undefined;
        const history = await backend.vertexLoadHistory(jobId, vertex.id);
        return history.subtasks.every((s) => s.samples.length >= 2) ? vertex : undefined;
      },
      45_000,
      1_000,
    );
    const job = await backend.getJob(jobId);
    const [source, window] = job.vertices;
    for (const [vertex, rate] of [
      [source, source?.metrics.recordsOutPerSecond],
      [window, window?.metrics.recordsInPerSecond],
    ] as const) {
      expect(rate, vertex?.name).toBeGreaterThan(1_600);
      expect(rate, vertex?.name).toBeLessThan(2_400);
    }
    expect(window?.metrics.recordsInTotal).toBeGreaterThan(10_000);
    expect(window?.metrics.watermark).toBeGreaterThan(Date.now() - 120_000);
    // A source has no input, and Flink no input watermark for it.
    expect(source?.metrics.watermark).toBeNull();
    for (const subtask of window?.subtasks ?? []) {
      expect(subtask.busyRatio + subtask.backpressuredRatio + subtask.idleRatio).toBeCloseTo(1, 1);
    }
    const history = await backend.vertexLoadHistory(jobId, sink.id);
    expect(VertexLoadHistorySchema.parse(history)).toEqual(history);
    expect(history.subtasks).toHaveLength(2);
  }, 60_000);

  it('sees checkpoints complete with increasing ids, with per-subtask statistics', async () => {
    const checkpoints = await waitFor(
      'three completed checkpoints',
      async () => {
        const list = await backend.listCheckpoints(jobId, 10);
        return list.filter((cp) => cp.status === 'COMPLETED').length >= 3 ? list : undefined;
      },
      30_000,
      250,
    );
    const ids = checkpoints.map((cp) => cp.checkpointId);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    const newest = checkpoints.find((cp) => cp.status === 'COMPLETED');
    if (!newest) throw new Error('no completed checkpoint');
    expect(newest).toMatchObject({ jobId, kind: 'CHECKPOINT', failureReason: null });
    expect(newest.path).toMatch(/^file:/);

    const detail = await backend.getSnapshot(jobId, 'CHECKPOINT', newest.checkpointId);
    expect(detail.checkpointId).toBe(newest.checkpointId);
    // Two vertices at parallelism 2.
    expect(detail.stats?.subtasks).toHaveLength(4);
    expect(detail.stats?.straggler).not.toBeNull();
    const later = await waitFor(
      'a newer checkpoint',
      async () => {
        const [first] = await backend.listCheckpoints(jobId, 1);
        return first && first.checkpointId > newest.checkpointId ? first : undefined;
      },
      20_000,
      250,
    );
    expect(later.checkpointId).toBeGreaterThan(newest.checkpointId);

    const counts = await backend.checkpointCounts(jobId);
    expect(counts.completed).toBeGreaterThanOrEqual(3);
    const summary = (await backend.listJobs()).find((job) => job.id === jobId);
    expect(summary?.lastCompletedCheckpointAt).not.toBeNull();
    // The newest retained checkpoint is on disk where the cluster config put it.
    const [retained] = (await backend.listCheckpoints(jobId, 10)).filter(
      (cp) => cp.status === 'COMPLETED' && cp.discarded === false,
    );
    if (retained?.path) expect(existsSync(fileURLToPath(retained.path))).toBe(true);
  });

  it('reports no exceptions for a healthy job', async () => {
    expect(await backend.exceptions(jobId)).toEqual([]);
  });

  it('says what failed, in words, for a failing job', async () => {
    const failing = await runJar(flink().client(), example.jarId, {
      entryClass: example.entryClass,
      // Checkpointing on: Flink then restarts a failed job (exponential delay, from 1 s).
      args: ['--rate', '500', '--checkpoint-interval', '1000', '--fail-after', '1500'],
      parallelism: 1,
    });
    const exceptions = await waitFor(
      'a failure in the exception history',
      async () => {
        const list = await backend.exceptions(failing);
        return list.length > 0 ? list : undefined;
      },
      30_000,
      250,
    );
    expect(exceptions[0]?.message).toMatch(
      /^injected failure: --fail-after 1500 ms elapsed \(IllegalStateException\)$/,
    );
    expect(exceptions[0]?.stack).toContain('ParseClicks');
    const restarted = await waitFor(
      'a restart counted',
      async () => {
        const job = (await backend.listJobs()).find((summary) => summary.id === failing);
        return job && job.restarts > 0 ? job : undefined;
      },
      30_000,
      500,
    );
    expect(restarted.restarts).toBeGreaterThan(0);
    await flink().cancelJob(failing);
  }, 90_000);

  it("turns a main() failure into an error with the program's own words", async () => {
    const failure = await runJar(flink().client(), example.jarId, {
      entryClass: example.entryClass,
      args: ['--rate', '-1'],
      parallelism: 1,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WeirError);
    expect((failure as WeirError).code).toBe('INVALID_ARGUMENT');
    expect((failure as WeirError).message).toContain(
      'Could not execute application: --rate must be positive (IllegalArgumentException)',
    );
  });

  it('answers NOT_FOUND for a job or vertex the cluster does not have', async () => {
    for (const id of ['0123456789abcdef0123456789abcdef', 'not-a-flink-id']) {
      await expect(backend.getJob(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(backend.listOperations(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(backend.vertexLoadHistory(jobId, 'nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `vertex nope of job ${jobId} not found`,
    });
  });

  it('refuses what a Flink cluster does not do, saying why', async () => {
    await expect(backend.restoreCheck()).rejects.toThrow(
      /^Checking a restore ahead \(Flink checks the savepoint against the job as the restored job starts/,
    );
    await expect(backend.submitJob()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(backend.replayInput(jobId)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('FlinkRestBackend without a cluster', () => {
  it('gives a clear, retriable error within its timeout when the REST URL is unreachable', async () => {
    // Flink's own port after it stopped answering would do too; a port nothing listens on is
    // the same thing without the wait.
    const { freePort } = (await import(
      new URL('../../../../../scripts/services/ports.mjs', import.meta.url).href
    )) as { freePort(): Promise<number> };
    const restUrl = `http://127.0.0.1:${await freePort()}`;
    const backend = new FlinkRestBackend({ clusterId: 'gone', restUrl, timeoutMs: 1_000 });
    const started = Date.now();
    const error = await backend.overview().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error).toBeInstanceOf(WeirError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retriable: true, domain: 'external' });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Flink cluster at ${restUrl} is unreachable \\(GET /overview\\): connection refused`,
      ),
    );
  });
});
