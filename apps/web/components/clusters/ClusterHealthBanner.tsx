'use client';

import Link from 'next/link';
import { useClusterSummary } from '@/lib/queries/clusters';
import { ClusterUnreachable } from './ClusterUnreachable';

/**
 * Above every page of a cluster: that it stopped answering, since when and why, or that no
 * cluster has this name. Says nothing while the cluster answers (or while the list loads: each
 * panel shows its own loading and errors).
 */
export function ClusterHealthBanner({ cluster }: { cluster: string }) {
  const summary = useClusterSummary(cluster);
  if (summary.data) return <ClusterUnreachable cluster={summary.data} />;
  if (!summary.isSuccess) return null;
  return (
    <p className="notice notice-bad" role="alert" data-testid="cluster-unknown">
      No cluster named <strong>{cluster}</strong> is registered.{' '}
      <Link href="/clusters">See the registered clusters</Link>
    </p>
  );
}
