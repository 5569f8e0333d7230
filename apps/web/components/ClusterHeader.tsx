'use client';

import { useClusterOverview } from '@/lib/queries/cluster';
import { useClusterSummary } from '@/lib/queries/clusters';
import { EngineClusterFacts } from './cluster/EngineClusterFacts';
import { FlinkClusterFacts } from './cluster/FlinkClusterFacts';
import { QueryState } from './QueryState';

/** The head of a cluster's page: what it is and how it is doing, for either kind. */
export function ClusterHeader({ cluster }: { cluster: string }) {
  const query = useClusterOverview(cluster);
  const summary = useClusterSummary(cluster).data;
  return (
    <section className="panel" aria-labelledby="cluster-heading">
      <h1 id="cluster-heading">Cluster {cluster}</h1>
      <QueryState query={query} what="cluster overview">
        {(overview) =>
          overview.flink ? (
            <FlinkClusterFacts cluster={overview} flink={overview.flink} summary={summary} />
          ) : (
            <EngineClusterFacts cluster={overview} now={query.dataUpdatedAt} />
          )
        }
      </QueryState>
    </section>
  );
}
