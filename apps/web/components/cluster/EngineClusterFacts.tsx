import { formatDateTime } from '@/lib/format';
import type { ClusterOverview } from '@/lib/trpc/types';
import { FailoverAction } from './FailoverAction';
import { InstancesTable } from './InstancesTable';
import { LeaderChangesTable } from './LeaderChangesTable';

/** The embedded cluster: Weir's own engine instances, who leads them, and leader changes. */
export function EngineClusterFacts({ cluster, now }: { cluster: ClusterOverview; now: number }) {
  return (
    <>
      <dl className="facts" data-testid="cluster-facts">
        <div>
          <dt>Cluster id</dt>
          <dd data-testid="cluster-id">{cluster.clusterId}</dd>
        </div>
        <div>
          <dt>HA mode</dt>
          <dd>{cluster.haMode}</dd>
        </div>
        <div>
          <dt>Leader</dt>
          <dd data-testid="cluster-leader">
            {cluster.leader ? (
              <>
                {cluster.leader.instanceId}{' '}
                <span className="muted">
                  ({cluster.leader.apiAddress}, up since {formatDateTime(cluster.leader.startedAt)})
                </span>
              </>
            ) : (
              <span className="text-bad">none — no instance leads right now</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Instances</dt>
          <dd>{cluster.instances.length}</dd>
        </div>
        <div>
          <dt>Jobs running</dt>
          <dd>
            {cluster.jobs.running} of {cluster.jobs.total}
          </dd>
        </div>
      </dl>
      <div className="panel-head subsection">
        <h2 id="instances-heading">Instances</h2>
        <FailoverAction cluster={cluster} />
      </div>
      <InstancesTable cluster={cluster} now={now} />
      <h2 id="leader-changes-heading" className="subsection">
        Recent leader changes
      </h2>
      <LeaderChangesTable changes={cluster.leaderChanges} />
    </>
  );
}
