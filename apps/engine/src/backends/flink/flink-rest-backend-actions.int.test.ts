import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobOperation, Snapshot } from '@weir/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointingExample } from '../../../testing/checkpointing-example.js';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { operationEnded } from '../../../testing/operation-ended.js';
import { waitFor } from '../../../testing/wait-for.js';
import type { FlinkRestBackend } from './flink-rest-backend.js';

// FlinkRestBackend's actions on a real Flink 2.3.0 session cluster (adaptive scheduler,
// scripts/services/flink.mjs) running the example job (examples/flink-clicks): one job taken
// through savepoint, disposal, rescale in place, stop with savepoint, restore and cancel, in
// order. The read side is in flink-rest-backend.int.test.ts.
const flink = flinkPerFile();

describe('FlinkRestBackend actions on a real Flink cluster', () => {
  let backend: FlinkRestBackend;
  let jobId: string;
  let stoppedAt: Snapshot;
  let restoredId: string;

  const onDisk = (path: string | null) => existsSync(fileURLToPath(path ?? 'file:/nowhere'));

  beforeAll(async () => {
    ({ backend, jobId } = await checkpointingExample(flink(), 'local-flink'));
  }, 120_000);

  it('takes a savepoint once durable, joins a retry with the same trigger id', async () => {
    const triggerId = 'savepoint-for-the-test';
    const savepoint = await backend.triggerSavepoint(jobId, triggerId);
    expect(savepoint).toMatchObject({ jobId, kind: 'SAVEPOINT', status: 'COMPLETED' });
    expect(savepoint.path?.startsWith(`file:${flink().savepointDir}`)).toBe(true);
    expect(onDisk(savepoint.path)).toBe(true);

    expect(await backend.savepointStatus(jobId, triggerId)).toEqual({
      triggerId,
      status: 'COMPLETED',
      savepoint,
      error: null,
    });
    expect((await backend.triggerSavepoint(jobId, triggerId)).checkpointId).toBe(
      savepoint.checkpointId,
    );
    await expect(backend.savepointStatus(jobId, 'never-triggered')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Listed even after 500 ms checkpoints pushed it out of Flink's history of ten.
    await waitFor(
      "Flink's history to hold ten newer checkpoints",
      async () => {
        const newer = await backend.listCheckpoints(jobId, 10);
        return newer.length === 10 && newer.every((cp) => cp.checkpointId > savepoint.checkpointId);
      },
      30_000,
      250,
    );
    const second = await backend.triggerSavepoint(jobId);
    const listed = await backend.listSavepoints(jobId, 10);
    expect(listed.map((sp) => sp.checkpointId)).toEqual([
      second.checkpointId,
      savepoint.checkpointId,
    ]);
  }, 90_000);

  it('disposes of a savepoint: its files are gone, it stays listed as disposed', async () => {
    const [newest] = await backend.listSavepoints(jobId, 1);
    if (!newest) throw new Error('no savepoint listed');
    const disposed = await backend.disposeSavepoint(jobId, newest.checkpointId);
    expect(disposed.disposedAt).not.toBeNull();
    expect(onDisk(newest.path)).toBe(false);
    const [listed] = await backend.listSavepoints(jobId, 1);
    expect(listed?.disposedAt).toBe(disposed.disposedAt);
    await expect(backend.disposeSavepoint(jobId, newest.checkpointId)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `savepoint ${newest.checkpointId} of job ${jobId} was already disposed of`,
    });
  });

  it('rescales 2 → 3 in place: same job, every vertex at 3', async () => {
    const started = await backend.rescale({ jobId, parallelism: 3 });
    expect(started).toMatchObject({ jobId, kind: 'rescale', status: 'RUNNING' });
    await expect(backend.rescale({ jobId, parallelism: 4 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const done = await operationEnded(backend, started);
    expect(done, done.error ?? '').toMatchObject({ status: 'SUCCEEDED', snapshotPath: null });
    expect(done.phases.map((p) => p.phase)).toEqual(['STARTING', 'RESCALING', 'DONE']);
    const job = await backend.getJob(jobId);
    expect(job.status).toBe('RUNNING');
    expect(job.vertices.map((v) => v.parallelism)).toEqual([3, 3]);
    expect(job.vertices.map((v) => v.subtasks.length)).toEqual([3, 3]);
    expect((await backend.listOperations(jobId)).map((op) => op.id)).toEqual([started.id]);
  });

  it('stops the job with a savepoint: FINISHED, the savepoint on disk', async () => {
    stoppedAt = await backend.stopWithSavepoint(jobId, false);
    expect(stoppedAt).toMatchObject({ jobId, kind: 'SAVEPOINT', status: 'COMPLETED' });
    expect(onDisk(stoppedAt.path)).toBe(true);
    expect((await backend.listJobs()).find((job) => job.id === jobId)?.status).toBe('FINISHED');
  });

  it('restores from it: a new job that runs at 3, continuing its checkpoint ids', async () => {
    const started = await backend.restore({
      jobId,
      snapshotPath: stoppedAt.path ?? '',
      allowNonRestoredState: false,
    });
    const done = await operationEnded(backend, started);
    expect(done, done.error ?? '').toMatchObject({
      status: 'SUCCEEDED',
      snapshotPath: stoppedAt.path,
    });
    // The job had ended: nothing to cancel.
    expect(done.phases.map((p) => p.phase)).toEqual(['STARTING', 'RESTORING', 'DONE']);
    const restored = await waitFor(
      'the job restored from the savepoint in the jobs list',
      async () =>
        (await backend.listJobs()).find(
          (job) => job.restoredFrom === stoppedAt.path && job.id !== jobId,
        ),
      10_000,
      250,
    );
    restoredId = restored.id;
    // The operation names the job it left running, so the console can lead there.
    expect(done.resultJobId).toBe(restoredId);
    expect(restored).toMatchObject({ status: 'RUNNING', parallelism: 3 });
    const [checkpoint] = await waitFor(
      'a checkpoint of the restored job',
      async () => {
        const list = await backend.listCheckpoints(restoredId, 1);
        return list.length > 0 ? list : undefined;
      },
      30_000,
      250,
    );
    expect(checkpoint?.checkpointId).toBeGreaterThan(stoppedAt.checkpointId);
  });

  it('cancels the restored job and answers once it is CANCELED', async () => {
    const summary = await backend.cancel(restoredId);
    expect(summary).toMatchObject({ id: restoredId, status: 'CANCELED' });
    await expect(backend.cancel(restoredId)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `job ${restoredId} is already CANCELED`,
    });
  });

  it('fails a restore from a savepoint Flink cannot read, saying why', async () => {
    const started = await backend.restore({
      jobId: restoredId,
      snapshotPath: `file:${flink().savepointDir}/savepoint-that-never-was`,
      allowNonRestoredState: false,
    });
    const done: JobOperation = await operationEnded(backend, started);
    expect(done.status).toBe('FAILED');
    expect(done.error).toMatch(
      /ended FAILED instead of running: Cannot find checkpoint or savepoint file\/directory '.*savepoint-that-never-was'/,
    );
  });
});
