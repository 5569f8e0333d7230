import type { JobSpec } from '@weir/contract';
import type { JobHa } from '../../ha/job-ha.js';
import type { Logger } from '../../logging/logger.js';
import type { JobMaster } from '../../runtime/job-master.js';

/**
 * Keeps the cluster's job graphs in step with the jobs this leader runs: a graph is written
 * when a job (re)starts and removed when it ends for good, never when it is merely suspended.
 * Writes for one job run in call order: a restore's relaunch must land after the end of the
 * run it replaces.
 */
export class JobGraphWrites {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly ha: JobHa,
    private readonly logger: Logger,
  ) {}

  put(spec: JobSpec): Promise<void> {
    return this.inOrder(spec.id, () => this.ha.jobGraphs.put(spec));
  }

  /** Removes the graph once `master` ends as FINISHED, FAILED or CANCELED on this leader. */
  forgetWhenEnded(master: JobMaster): void {
    void master.whenTerminated().then(() => {
      if (master.status === 'SUSPENDED' || !this.ha.leader.isLeader()) return;
      const jobId = master.spec.id;
      this.inOrder(jobId, () => this.ha.jobGraphs.remove(jobId)).catch((err: unknown) =>
        this.logger.warn({ job: jobId, err }, 'could not remove the job graph'),
      );
    });
  }

  private inOrder(jobId: string, write: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(jobId) ?? Promise.resolve()).then(write);
    const settled = next.catch(() => {});
    this.queues.set(jobId, settled);
    void settled.finally(() => {
      if (this.queues.get(jobId) === settled) this.queues.delete(jobId);
    });
    return next;
  }
}
