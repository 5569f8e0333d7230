import { formatDateTime } from '@/lib/format';
import type { ClusterSummary } from '@/lib/trpc/types';

/**
 * "Cluster prod unreachable since …: why", or nothing while it answers. The same words on the
 * overview and above every page of the cluster, so an operator reads one state, not a page of
 * failed panels.
 */
export function ClusterUnreachable({ cluster }: { cluster: ClusterSummary }) {
  if (cluster.health.state === 'up') return null;
  return (
    <p className="notice notice-bad" role="alert" data-testid="cluster-unreachable">
      Cluster <strong>{cluster.id}</strong> unreachable since{' '}
      <time dateTime={cluster.health.since}>{formatDateTime(cluster.health.since)}</time>:{' '}
      {cluster.health.error ?? 'it did not answer.'}
    </p>
  );
}
