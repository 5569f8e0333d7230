import type { ClusterOverview, Instance } from '@weir/contract';
import type { HaRuntime } from './ha/ha-runtime.js';
import type { LeaderChangeLog } from './leadership.js';

const RECENT_LEADER_CHANGES = 10;

/** Instances with their roles and the recent leader changes, for `cluster.overview`. */
export function clusterView(ha: HaRuntime, leaderChanges: LeaderChangeLog) {
  return async (): Promise<
    Pick<ClusterOverview, 'haMode' | 'leader' | 'instances' | 'leaderChanges'>
  > => {
    const [registered, leaderId, changes] = await Promise.all([
      ha.instances(),
      ha.leaderInstanceId(),
      leaderChanges.recent(RECENT_LEADER_CHANGES),
    ]);
    const instances: Instance[] = registered.map((instance) => ({
      ...instance,
      role: instance.instanceId === leaderId ? 'leader' : 'standby',
    }));
    return {
      haMode: ha.mode,
      leader: instances.find((i) => i.role === 'leader') ?? null,
      instances,
      leaderChanges: changes,
    };
  };
}
