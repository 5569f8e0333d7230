import type { Snapshot } from '@weir/contract';
import type { ClusterBackend } from '../src/backends/cluster-backend.js';
import { notFound } from '../src/errors/weir-error.js';

export const FAKE_JOB = 'job-a';

/**
 * A hand-written backend for API tests about access and audit, which care what the API
 * does around a call, not what the engine does inside it. Only the calls those tests make
 * are here; the cast keeps it from breaking each time the backend interface grows.
 */
export function fakeBackend(): ClusterBackend {
  let savepoints = 0;
  const requireJob = (jobId: string) => {
    if (jobId !== FAKE_JOB) throw notFound(`job ${jobId}`);
  };
  const fake: Partial<ClusterBackend> = {
    listJobs: async () => [],
    listCheckpoints: async () => [],
    triggerSavepoint: async (jobId): Promise<Snapshot> => {
      requireJob(jobId);
      savepoints += 1;
      return {
        jobId,
        checkpointId: savepoints,
        kind: 'SAVEPOINT',
        status: 'COMPLETED',
        triggeredAt: new Date().toISOString(),
        durationMs: 1,
        sizeBytes: 1,
        path: `/savepoints/${jobId}/savepoint-${savepoints}`,
        failureReason: null,
      };
    },
  };
  return fake as ClusterBackend;
}
