'use client';

import { formatDateTime } from '@/lib/format';
import { useClusterOverview } from '@/lib/queries/cluster';
import { FailoverAction } from './cluster/FailoverAction';
import { InstancesTable } from './cluster/InstancesTable';
import { LeaderChangesTable } from './cluster/LeaderChangesTable';
import { QueryState } from './QueryState';

export function ClusterHeader() {
  const query = useClusterOverview();
  return (
    <section className="panel" aria-labelledby="cluster-heading">
      <h1 id="cluster-heading">Cluster</h1>
      <QueryState query={query} what="cluster overview">
        {(cluster) => (
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
                        ({cluster.leader.apiAddress}, up since{' '}
                        {formatDateTime(cluster.leader.startedAt)})
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
            <InstancesTable cluster={cluster} now={query.dataUpdatedAt} />
            <h2 id="leader-changes-heading" className="subsection">
              Recent leader changes
            </h2>
            <LeaderChangesTable changes={cluster.leaderChanges} />
          </>
        )}
      </QueryState>
    </section>
  );
}
