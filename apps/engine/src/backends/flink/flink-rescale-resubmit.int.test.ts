import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointingExample } from '../../../testing/checkpointing-example.js';
import { flinkPerFile } from '../../../testing/flink-per-file.js';
import { operationEnded } from '../../../testing/operation-ended.js';
import type { FlinkRestBackend } from './flink-rest-backend.js';

// A Flink cluster on its default scheduler cannot change a running job's parallelism: the
// rescale stops the job with a savepoint and runs its jar again at the new parallelism, as a
// new job the operation names.
const flink = flinkPerFile({ config: { 'jobmanager.scheduler': 'default' } });

describe('rescaling on a Flink cluster without the adaptive scheduler', () => {
  let backend: FlinkRestBackend;
  let jobId: string;

  beforeAll(async () => {
    ({ backend, jobId } = await checkpointingExample(flink(), 'default-scheduler'));
  }, 120_000);

  it('goes through a savepoint to a new job at the new parallelism', async () => {
    const started = await backend.rescale({ jobId, parallelism: 3 });
    const done = await operationEnded(backend, started);
    expect(done, done.error ?? '').toMatchObject({ status: 'SUCCEEDED', kind: 'rescale' });
    expect(done.phases.map((p) => p.phase)).toEqual([
      'STARTING',
      'TAKING_SAVEPOINT',
      'RESTORING',
      'DONE',
    ]);
    const newJobId = done.resultJobId as string;
    expect(newJobId).toMatch(/^[0-9a-f]{32}$/);
    expect(newJobId).not.toBe(jobId);
    const jobs = await backend.listJobs();
    expect(jobs.find((job) => job.id === jobId)?.status).toBe('FINISHED');
    expect(jobs.find((job) => job.id === newJobId)).toMatchObject({
      status: 'RUNNING',
      parallelism: 3,
      restoredFrom: done.snapshotPath,
    });
    await backend.cancel(newJobId);
  });
});
