'use client';

import { abilityOf } from '@/lib/cluster-abilities';
import type { ClusterSummary } from '@/lib/trpc/types';

/**
 * Which JobManager leads a Flink cluster, as its ZooKeeper says: read only for a cluster
 * registered with its ZooKeeper settings (else why not), "none" during an election.
 */
export function FlinkLeader({ cluster }: { cluster: ClusterSummary }) {
  const view = abilityOf(cluster, 'leaderView');
  if (!view.allowed) return <span className="muted">{view.reason}</span>;
  const { leader } = cluster;
  if (leader?.error) return <span className="text-bad">not readable: {leader.error}</span>;
  if (!leader?.current) {
    return <span className="text-bad">none — no JobManager leads right now</span>;
  }
  const { current } = leader;
  return (
    <span data-testid="flink-leader">
      {current.restAddress ?? current.dispatcherAddress ?? `session ${current.sessionId}`}{' '}
      <span className="muted">
        ({current.contenders} JobManager{current.contenders === 1 ? '' : 's'} in the election
        {leader.changes.length > 0 ? `, ${leader.changes.length} changes seen` : ''})
      </span>
    </span>
  );
}
