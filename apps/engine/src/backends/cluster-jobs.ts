import { EMBEDDED_CLUSTER, type JobSummary } from '@weir/contract';
import type { ClusterBackend } from './cluster-backend.js';
import type { ClusterRegistry } from './cluster-registry.js';

/**
 * The jobs of every cluster, for alerting: rules evaluate over Flink jobs as over embedded
 * ones. Remembers which cluster each job was listed on, so the evaluator's later questions
 * about a job (its vertices, its failed checkpoints) go to the right backend.
 */
export class ClusterJobs {
  private clusterOfJob = new Map<string, string>();
  private labelsOfJob = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly registry: ClusterRegistry) {}

  /**
   * Every reachable cluster's jobs. An unreachable cluster contributes none this round: its
   * health already says so on every page, and its jobs' rules resume when it answers again.
   */
  async list(): Promise<JobSummary[]> {
    const perCluster = await Promise.all(
      (await this.registry.ids()).map(async (cluster) => {
        try {
          const jobs = await (await this.registry.backend(cluster)).listJobs();
          return jobs.map((job) => ({ cluster, job }));
        } catch {
          return [];
        }
      }),
    );
    const listed = perCluster.flat();
    this.clusterOfJob = new Map(listed.map(({ cluster, job }) => [job.id, cluster]));
    this.labelsOfJob = new Map(listed.map(({ job }) => [job.id, job.labels ?? {}]));
    return listed.map(({ job }) => job);
  }

  /** The cluster `jobId` was last listed on; the embedded one for a job not listed yet. */
  clusterOf(jobId: string): string {
    return this.clusterOfJob.get(jobId) ?? EMBEDDED_CLUSTER;
  }

  /** The labels `jobId` was last listed with; none for a job not listed yet. */
  labelsOf(jobId: string): Readonly<Record<string, string>> {
    return this.labelsOfJob.get(jobId) ?? {};
  }

  backendOf(jobId: string): Promise<ClusterBackend> {
    return this.registry.backend(this.clusterOf(jobId));
  }

  /**
   * Failed checkpoints of a job on another cluster since `since`, from the history that
   * cluster keeps (Flink's last `web.checkpoints.history` entries, 10 by default): a burst
   * of failures older than that history is not counted.
   */
  async remoteCheckpointFailuresSince(jobId: string, since: Date): Promise<number> {
    const history = await (await this.backendOf(jobId)).listCheckpoints(jobId, 1000);
    return history.filter(
      (checkpoint) =>
        checkpoint.status === 'FAILED' && Date.parse(checkpoint.triggeredAt) >= since.getTime(),
    ).length;
  }
}
