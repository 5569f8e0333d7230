import Link from 'next/link';
import { formatCount, formatDateTime } from '@/lib/format';
import { clusterPath } from '@/lib/paths';
import type { ClusterSummary } from '@/lib/trpc/types';
import { ClusterUnreachable } from './ClusterUnreachable';
import { FlinkLeader } from './FlinkLeader';
import { HealthBadge } from './HealthBadge';
import { MissingAbilities } from './MissingAbilities';
import { RemoveCluster } from './RemoveCluster';

const EMPTY = '—';

/** What kind of cluster it is, in words: "Apache Flink 2.3.0" once Flink has said its version. */
function kindOf(cluster: ClusterSummary): string {
  if (cluster.kind === 'embedded') return 'Weir embedded engine';
  return cluster.flink ? `Apache Flink ${cluster.flink.version}` : 'Apache Flink';
}

/** One cluster on the overview: health, size, jobs, and the way to its jobs. */
export function ClusterCard({ cluster }: { cluster: ClusterSummary }) {
  const { flink, jobs } = cluster;
  const headingId = `cluster-${cluster.id}-heading`;
  return (
    <article
      className="panel cluster-card"
      aria-labelledby={headingId}
      data-testid={`cluster-card-${cluster.id}`}
    >
      <div className="panel-head">
        <h2 id={headingId}>
          <Link href={clusterPath(cluster.id)}>{cluster.id}</Link>
        </h2>
        <HealthBadge health={cluster.health} />
      </div>
      <p className="muted small" data-testid="cluster-kind">
        {kindOf(cluster)}
        {cluster.restUrl ? (
          <>
            {' '}
            at <span className="mono">{cluster.restUrl}</span>
          </>
        ) : null}
      </p>
      <ClusterUnreachable cluster={cluster} />
      <dl className="facts">
        {cluster.kind === 'flink' ? (
          <>
            <div>
              <dt>Version</dt>
              <dd data-testid="cluster-version">{flink?.version ?? EMPTY}</dd>
            </div>
            <div>
              <dt>TaskManagers</dt>
              <dd>{flink ? formatCount(flink.taskManagers) : EMPTY}</dd>
            </div>
            <div>
              <dt>Slots free</dt>
              <dd>{flink ? `${flink.slotsAvailable} of ${flink.slotsTotal}` : EMPTY}</dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Jobs running</dt>
          <dd data-testid="cluster-jobs-running">{jobs ? formatCount(jobs.running) : EMPTY}</dd>
        </div>
        <div>
          <dt>Jobs failed</dt>
          <dd className={jobs && jobs.failed > 0 ? 'text-bad' : undefined}>
            {jobs ? formatCount(jobs.failed) : EMPTY}
          </dd>
        </div>
        {cluster.zookeeper ? (
          <div>
            <dt>Leader</dt>
            <dd>
              <FlinkLeader cluster={cluster} />
            </dd>
          </div>
        ) : null}
      </dl>
      <MissingAbilities cluster={cluster} />
      <div className="actions">
        <Link href={clusterPath(cluster.id)}>
          {jobs ? `${formatCount(jobs.total)} job${jobs.total === 1 ? '' : 's'}` : 'Jobs'} on{' '}
          {cluster.id}
        </Link>
        {cluster.kind === 'flink' ? <RemoveCluster cluster={cluster.id} /> : null}
      </div>
      {cluster.registeredAt ? (
        <p className="muted small">
          Registered by {cluster.registeredBy ?? 'unknown'} on{' '}
          {formatDateTime(cluster.registeredAt)}
          {cluster.hasAuthorization ? '; calls carry a stored Authorization header' : ''}
          {cluster.zookeeper ? `; ZooKeeper ${cluster.zookeeper.quorum}` : ''}.
        </p>
      ) : null}
    </article>
  );
}
