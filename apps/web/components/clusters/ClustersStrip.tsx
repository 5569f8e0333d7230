'use client';

import Link from 'next/link';
import { clusterPath } from '@/lib/paths';
import { useClusters } from '@/lib/queries/clusters';
import { HealthBadge } from './HealthBadge';

/**
 * The other clusters this console serves, one link each with its health, on the embedded
 * cluster's page: the way to them, and a glance at which one stopped answering. Nothing while
 * the list loads or fails (the clusters page says why).
 */
export function ClustersStrip() {
  const clusters = useClusters().data;
  if (!clusters) return null;
  return (
    <nav className="panel clusters-strip" aria-label="Clusters">
      <Link href="/clusters">All clusters</Link>
      <ul>
        {clusters.map((cluster) => (
          <li key={cluster.id} data-testid={`cluster-link-${cluster.id}`}>
            <Link href={clusterPath(cluster.id)}>{cluster.id}</Link>{' '}
            <HealthBadge health={cluster.health} />
          </li>
        ))}
      </ul>
    </nav>
  );
}
