'use client';

import { useClusters } from '@/lib/queries/clusters';
import { QueryState } from '../QueryState';
import { ClusterCard } from './ClusterCard';

/** Every cluster this console serves, the embedded engine first. */
export function ClustersOverview() {
  const query = useClusters();
  return (
    <section aria-labelledby="clusters-heading">
      <h1 id="clusters-heading">Clusters</h1>
      <QueryState query={query} what="clusters">
        {(clusters) => (
          <div className="cluster-cards">
            {clusters.map((cluster) => (
              <ClusterCard key={cluster.id} cluster={cluster} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
