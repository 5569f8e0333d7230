import type { ClusterOverview } from '@weir/contract';
import type { FlinkOverview } from './flink-schemas.js';

/**
 * A Flink cluster's overview. Weir's instances and leader changes are Weir engines, which a
 * Flink cluster has none of (its JobManager leadership is a later slice of issue 18); `haMode`
 * says whether the cluster runs with ZooKeeper HA (`high-availability.type`).
 */
export function clusterOverview(
  clusterId: string,
  restUrl: string,
  overview: FlinkOverview,
  config: Map<string, string>,
): ClusterOverview {
  const ha = config.get('high-availability.type') ?? config.get('high-availability') ?? 'none';
  const running = overview['jobs-running'];
  return {
    clusterId,
    haMode: ha.toLowerCase() === 'zookeeper' ? 'zookeeper' : 'embedded',
    leader: null,
    instances: [],
    leaderChanges: [],
    jobs: {
      running,
      total:
        running + overview['jobs-finished'] + overview['jobs-cancelled'] + overview['jobs-failed'],
    },
    flink: {
      version: overview['flink-version'],
      revision: overview['flink-commit'] ?? null,
      restUrl,
      taskManagers: overview.taskmanagers,
      slotsTotal: overview['slots-total'],
      slotsAvailable: overview['slots-available'],
      scheduler: config.get('jobmanager.scheduler') ?? null,
      jobs: {
        running,
        finished: overview['jobs-finished'],
        cancelled: overview['jobs-cancelled'],
        failed: overview['jobs-failed'],
      },
    },
  };
}
