import { EMBEDDED_CLUSTER } from '@weir/contract';
import type { SignalSource } from './alerts/evaluator.js';
import { vertexSignalsOf } from './alerts/vertex-signals.js';
import type { ClusterJobs } from './backends/cluster-jobs.js';

export interface AlertSignalDeps {
  clusterJobs: ClusterJobs;
  /** The embedded cluster's failed checkpoints, from its history in the database. */
  embeddedCheckpointFailuresSince(jobId: string, since: Date): Promise<number>;
  leaderChangesSince(since: Date): Promise<number>;
  coordinationLost(): boolean;
}

/**
 * What alert rules evaluate: the jobs of every cluster (embedded and registered Flink ones),
 * each job's questions answered by the backend of the cluster it runs on.
 */
export function alertSignals(deps: AlertSignalDeps): SignalSource {
  const { clusterJobs } = deps;
  return {
    jobs: () => clusterJobs.list(),
    checkpointFailuresSince: (jobId, since) =>
      clusterJobs.clusterOf(jobId) === EMBEDDED_CLUSTER
        ? deps.embeddedCheckpointFailuresSince(jobId, since)
        : clusterJobs.remoteCheckpointFailuresSince(jobId, since),
    upgradeRollbacksSince: async (jobId, since) => {
      const versions = await (await clusterJobs.backendOf(jobId)).versionsOf(jobId);
      return versions.filter((v) => v.rolledBack && Date.parse(v.rolledBack.at) >= since.getTime())
        .length;
    },
    leaderChangesSince: deps.leaderChangesSince,
    coordinationLost: deps.coordinationLost,
    vertexMetrics: async (jobId) =>
      (await (await clusterJobs.backendOf(jobId)).getJob(jobId)).vertices.map(vertexSignalsOf),
  };
}
