import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointingExample } from '../../../testing/checkpointing-example.js';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { operationEnded } from '../../../testing/operation-ended.js';
import { waitFor } from '../../../testing/wait-for.js';
import type { FlinkRestBackend } from './flink-rest-backend.js';

// FlinkRestBackend on Flink 1.20 (the release before 2.0, still widely run): the core paths
// once each on a real 1.20.5 session cluster running the example job built for it. The other
// Flink tests run on 2.3.0; `WEIR_FLINK_VERSION=1.20.5` runs them all on 1.20.
const flink = flinkPerFile({ version: '1.20.5' });

describe('FlinkRestBackend on a real Flink 1.20 cluster', () => {
  let backend: FlinkRestBackend;
  let jobId: string;

  const onDisk = (path: string | null) => existsSync(fileURLToPath(path ?? 'file:/nowhere'));

  beforeAll(async () => {
    ({ backend, jobId } = await checkpointingExample(flink(), 'flink-1-20'));
  }, 120_000);

  it('reads the version from /overview and lists the running job', async () => {
    const overview = await backend.overview();
    expect(overview.flink).toMatchObject({
      version: '1.20.5',
      taskManagers: 1,
      slotsTotal: 4,
      scheduler: 'adaptive',
    });
    const job = (await backend.listJobs()).find((summary) => summary.id === jobId);
    expect(job).toMatchObject({
      name: 'clicks-per-user',
      status: 'RUNNING',
      parallelism: 2,
      restoredFrom: null,
    });
    expect(job?.lastCompletedCheckpointAt).not.toBeNull();
  });

  it('reads the topology from the plan: two vertices and the hash edge between them', async () => {
    // `/jobs/:id` is cached for a few seconds: it may not show the running plan yet.
    const detail = await waitFor(
      'the job detail to show the running plan',
      async () => {
        const job = await backend.getJob(jobId);
        return job.status === 'RUNNING' && job.edges.length > 0 ? job : undefined;
      },
      20_000,
      250,
    );
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
    expect(detail.edges).toEqual([
      { source: source?.id, target: window?.id, partitioning: 'hash', shipStrategy: 'HASH' },
    ]);
    // 1.20 reports the job's maximum as -1: the vertices' is taken.
    expect(detail.maxParallelism).toBe(128);
    // 1.20 does not name the job's scheduler: the cluster's is taken.
    expect(detail.flink).toEqual({ jobType: 'STREAMING', scheduler: 'Adaptive' });
  });

  it('lists completed checkpoints newest first, written where the cluster keeps them', async () => {
    const checkpoints = await waitFor(
      'two completed checkpoints',
      async () => {
        const list = await backend.listCheckpoints(jobId, 10);
        return list.filter((cp) => cp.status === 'COMPLETED').length >= 2 ? list : undefined;
      },
      20_000,
      250,
    );
    const ids = checkpoints.map((cp) => cp.checkpointId);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const newest = checkpoints.find((cp) => cp.status === 'COMPLETED');
    expect(newest).toMatchObject({ jobId, kind: 'CHECKPOINT', failureReason: null });
    const jobDir = join(flink().checkpointDir, jobId);
    expect(newest?.path).toBe(`file:${jobDir}/chk-${newest?.checkpointId}`);
    // Flink keeps only the newest on disk, and its statistics are cached for seconds: the one
    // kept may already be a later one.
    const kept = readdirSync(jobDir)
      .filter((name) => name.startsWith('chk-'))
      .map((name) => Number(name.slice('chk-'.length)));
    expect(Math.max(...kept)).toBeGreaterThanOrEqual(newest?.checkpointId ?? Infinity);
    expect((await backend.checkpointCounts(jobId)).completed).toBeGreaterThanOrEqual(2);
  });

  it('takes a savepoint into the savepoint directory and lists it', async () => {
    const savepoint = await backend.triggerSavepoint(jobId);
    expect(savepoint).toMatchObject({ jobId, kind: 'SAVEPOINT', status: 'COMPLETED' });
    expect(savepoint.path?.startsWith(`file:${flink().savepointDir}/`)).toBe(true);
    expect(onDisk(savepoint.path)).toBe(true);
    const [listed] = await backend.listSavepoints(jobId, 1);
    expect(listed?.checkpointId).toBe(savepoint.checkpointId);
  });

  it('rescales 2 → 3 in place under the adaptive scheduler: same job, every vertex at 3', async () => {
    const started = await backend.rescale({ jobId, parallelism: 3 });
    const done = await operationEnded(backend, started);
    expect(done, done.error ?? '').toMatchObject({ status: 'SUCCEEDED', snapshotPath: null });
    const job = await backend.getJob(jobId);
    expect([job.status, job.vertices.map((v) => v.parallelism)]).toEqual(['RUNNING', [3, 3]]);
  }, 90_000);

  it('stops with a savepoint, restores a new job from it, and cancels that one', async () => {
    const stoppedAt = await backend.stopWithSavepoint(jobId, false);
    expect(onDisk(stoppedAt.path)).toBe(true);
    expect((await backend.listJobs()).find((job) => job.id === jobId)?.status).toBe('FINISHED');

    const started = await backend.restore({
      jobId,
      snapshotPath: stoppedAt.path ?? '',
      allowNonRestoredState: false,
    });
    const done = await operationEnded(backend, started);
    expect(done, done.error ?? '').toMatchObject({ status: 'SUCCEEDED' });
    const restoredId = done.resultJobId as string;
    expect(restoredId).not.toBe(jobId);
    // Flink's checkpoint statistics, which name the savepoint restored, lag a few seconds.
    const restored = await waitFor(
      'the restored job to name its savepoint',
      async () =>
        (await backend.listJobs()).find(
          (job) => job.id === restoredId && job.restoredFrom === stoppedAt.path,
        ),
      10_000,
      250,
    );
    expect(restored).toMatchObject({ status: 'RUNNING', parallelism: 3 });
    // Restored state: the new job's checkpoint ids continue from the savepoint's.
    const [checkpoint] = await waitFor(
      'a checkpoint of the restored job',
      async () => {
        const list = await backend.listCheckpoints(restoredId, 1);
        return list.length > 0 ? list : undefined;
      },
      20_000,
      250,
    );
    expect(checkpoint?.checkpointId).toBeGreaterThan(stoppedAt.checkpointId);

    expect(await backend.cancel(restoredId)).toMatchObject({
      id: restoredId,
      status: 'CANCELED',
    });
  }, 90_000);
});
