import type { JobSignals, SignalSource } from '../src/alerts/evaluator.js';
import type { VertexSignals } from '../src/alerts/rule-kinds.js';

/** Hand-written signals a test sets directly: one job, its checkpoint failure times and its
 * vertices' metrics. */
export class TestSignals implements SignalSource {
  job: JobSignals;
  readonly failures: number[] = [];
  vertices: VertexSignals[] = [];
  /** Set: reading the vertices fails with it (the job's cluster stopped answering). */
  verticesUnreadable: Error | null = null;
  readonly leaderChanges: number[] = [];
  /** When the job's upgrades were rolled back. */
  readonly rollbacks: number[] = [];
  zookeeperLost = false;

  constructor(jobId: string, startedAt: number) {
    this.job = {
      id: jobId,
      status: 'RUNNING',
      startedAt: new Date(startedAt).toISOString(),
      lastCompletedCheckpointAt: null,
      deadLetters: 0,
      restarts: 0,
      recoveryFallbacks: 0,
    };
  }

  async jobs(): Promise<JobSignals[]> {
    return [{ ...this.job }];
  }

  async checkpointFailuresSince(jobId: string, since: Date): Promise<number> {
    return jobId === this.job.id ? this.failures.filter((t) => t >= since.getTime()).length : 0;
  }

  async upgradeRollbacksSince(jobId: string, since: Date): Promise<number> {
    return jobId === this.job.id ? this.rollbacks.filter((t) => t >= since.getTime()).length : 0;
  }

  async leaderChangesSince(since: Date): Promise<number> {
    return this.leaderChanges.filter((t) => t >= since.getTime()).length;
  }

  coordinationLost(): boolean {
    return this.zookeeperLost;
  }

  async vertexMetrics(jobId: string): Promise<VertexSignals[]> {
    if (this.verticesUnreadable) throw this.verticesUnreadable;
    return jobId === this.job.id ? this.vertices.map((v) => ({ ...v })) : [];
  }
}
