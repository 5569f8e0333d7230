import type { JobSummary } from '@weir/contract';
import type { JobMaster } from '../../runtime/job-master.js';

/** What the jobs list shows of a running (or ended) job. */
export function summarize(master: JobMaster): JobSummary {
  const last = master.lastCompleted;
  return {
    id: master.spec.id,
    name: master.spec.name,
    status: master.status,
    parallelism: master.spec.parallelism,
    startedAt: master.startedAt?.toISOString() ?? null,
    restoredFrom: master.restoredFrom,
    lastCompletedCheckpointAt: last
      ? new Date(last.triggeredAt.getTime() + last.durationMs).toISOString()
      : null,
    deadLetters: master.observed.vertices().reduce((sum, v) => sum + v.metrics.deadLetters, 0),
    restarts: master.restarts,
    recoveryFallbacks: master.recoveryFallbacks,
    ...(master.spec.labels ? { labels: master.spec.labels } : {}),
  };
}
