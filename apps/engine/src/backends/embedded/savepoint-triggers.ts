import type { SavepointTriggerStatus, Snapshot } from '@weir/contract';
import { notFound } from '../../errors/weir-error.js';
import type { CompletedSnapshot } from '../../runtime/job-master.js';

/** How many trigger ids are remembered per backend; older ones are forgotten first. */
const REMEMBERED = 500;

/**
 * Makes savepoint triggers idempotent: the first call with a trigger id takes the savepoint,
 * a retry with the same id (after a timeout, a dropped connection) joins it, and the status of
 * any remembered id can be polled.
 */
export class SavepointTriggers {
  private readonly triggers = new Map<
    string,
    { promise: Promise<Snapshot>; status: SavepointTriggerStatus }
  >();

  run(jobId: string, triggerId: string, take: () => Promise<Snapshot>): Promise<Snapshot> {
    const key = `${jobId}/${triggerId}`;
    const existing = this.triggers.get(key);
    if (existing) return existing.promise;
    const status: SavepointTriggerStatus = {
      triggerId,
      status: 'IN_PROGRESS',
      savepoint: null,
      error: null,
    };
    const promise = take().then(
      (savepoint) => {
        Object.assign(status, { status: 'COMPLETED', savepoint });
        return savepoint;
      },
      (error: Error) => {
        Object.assign(status, { status: 'FAILED', error: error.message });
        throw error;
      },
    );
    // A failed trigger's rejection belongs to its callers; the map only keeps its status.
    promise.catch(() => {});
    this.triggers.set(key, { promise, status });
    if (this.triggers.size > REMEMBERED)
      this.triggers.delete(this.triggers.keys().next().value as string);
    return promise;
  }

  status(jobId: string, triggerId: string): SavepointTriggerStatus {
    const entry = this.triggers.get(`${jobId}/${triggerId}`);
    if (!entry) throw notFound(`savepoint trigger ${triggerId} of job ${jobId}`);
    return { ...entry.status };
  }
}

/** A savepoint the job master completed, as the API lists it. */
export function completedSavepoint(jobId: string, done: CompletedSnapshot): Snapshot {
  return {
    jobId,
    checkpointId: done.checkpointId,
    kind: 'SAVEPOINT',
    status: 'COMPLETED',
    triggeredAt: done.triggeredAt.toISOString(),
    durationMs: done.durationMs,
    sizeBytes: done.sizeBytes,
    path: done.path,
    failureReason: null,
  };
}
