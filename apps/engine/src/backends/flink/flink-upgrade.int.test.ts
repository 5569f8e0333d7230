import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointingExample } from '../../../testing/checkpointing-example.js';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { operationEnded } from '../../../testing/operation-ended.js';
import { waitFor } from '../../../testing/wait-for.js';
import type { FlinkRestBackend } from './flink-rest-backend.js';

// A Flink job to a new program with its state, on a real Flink 2.3: through a savepoint to a
// new job; and back to the previous program, from the same savepoint, when the new one does
// not complete a checkpoint in time.
const flink = flinkPerFile();

describe('upgrading a Flink job to a new program', () => {
  let backend: FlinkRestBackend;
  let jobId: string;
  let jarId: string;

  /** Flink's checkpoint statistics, which name the savepoint restored, lag a few seconds. */
  const restoredJob = (id: string, savepointPath: string) =>
    waitFor(
      `job ${id} to name the savepoint it was restored from`,
      async () =>
        (await backend.listJobs()).find(
          (job) => job.id === id && job.restoredFrom === savepointPath,
        ),
      15_000,
      250,
    );

  beforeAll(async () => {
    ({ backend, jobId } = await checkpointingExample(flink(), 'upgrades'));
    ({ jarId } = await flink().uploadExample());
  }, 120_000);

  it('runs the new program from a savepoint of the old: a new job, checkpoint ids continuing', async () => {
    const args = ['--rate', '3000', '--checkpoint-interval', '500'];
    const started = await backend.upgradeJar({
      jobId,
      jarId,
      args,
      allowNonRestoredState: false,
      rollbackAfterMs: 60_000,
    });
    const done = await operationEnded(backend, started);
    expect(done, done.error ?? '').toMatchObject({ kind: 'upgrade', status: 'SUCCEEDED' });
    expect(done.phases.map((p) => p.phase)).toEqual([
      'STARTING',
      'TAKING_SAVEPOINT',
      'STARTING',
      'VERIFYING',
      'DONE',
    ]);
    const upgraded = done.resultJobId as string;
    expect(upgraded).not.toBe(jobId);
    expect((await backend.listJobs()).find((job) => job.id === jobId)?.status).toBe('FINISHED');
    expect(await restoredJob(upgraded, done.snapshotPath as string)).toMatchObject({
      status: 'RUNNING',
    });
    const [savepoint] = await backend.listSavepoints(jobId, 1);
    const [checkpoint] = await backend.listCheckpoints(upgraded, 1);
    expect(checkpoint?.checkpointId).toBeGreaterThan(savepoint?.checkpointId ?? Infinity);
    jobId = upgraded;
  });

  it('rolls back to the previous program from the same savepoint when the new one does not checkpoint', async () => {
    // Without checkpointing it never will. (A long interval is no test: Flink 2.3 takes a first
    // checkpoint of a restored job within seconds whatever the interval.)
    const started = await backend.upgradeJar({
      jobId,
      jarId,
      args: ['--rate', '3000', '--checkpoint-interval', '0'],
      allowNonRestoredState: false,
      rollbackAfterMs: 5_000,
    });
    const done = await operationEnded(backend, started);
    expect(done.status).toBe('FAILED');
    expect(done.phases.map((p) => p.phase)).toContain('ROLLING_BACK');
    const rolledBack = /rolled back: job ([0-9a-f]{32}) runs the previous program from (\S+)$/.exec(
      done.error ?? '',
    );
    expect(done.error).toMatch(
      /^the new program did not prove itself: it ran but completed no checkpoint within 5000 ms;/,
    );
    const [, restoredId, savepointPath] = rolledBack ?? [];
    expect(await restoredJob(restoredId as string, savepointPath as string)).toMatchObject({
      status: 'RUNNING',
    });
    // The program that failed to prove itself was cancelled, not left running.
    const running = (await backend.listJobs()).filter((job) => job.status === 'RUNNING');
    expect(running.map((job) => job.id)).toEqual([restoredId]);
    await backend.cancel(restoredId as string);
  });
});
