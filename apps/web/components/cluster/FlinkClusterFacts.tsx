import type { ClusterOverview, ClusterSummary } from '@/lib/trpc/types';
import { FlinkLeader } from '../clusters/FlinkLeader';

type FlinkInfo = NonNullable<ClusterOverview['flink']>;

interface Props {
  cluster: ClusterOverview;
  flink: FlinkInfo;
  /** The cluster's row of the clusters list, for its leader; undefined while it loads. */
  summary: ClusterSummary | undefined;
}

/**
 * A Flink cluster as its JobManager describes it: version, TaskManagers and slots, the
 * scheduler (adaptive rescales in place), HA mode and, from ZooKeeper, its leader.
 */
export function FlinkClusterFacts({ cluster, flink, summary }: Props) {
  return (
    <dl className="facts" data-testid="cluster-facts">
      <div>
        <dt>Flink version</dt>
        <dd data-testid="flink-version">
          {flink.version}
          {flink.revision ? <span className="muted"> ({flink.revision})</span> : null}
        </dd>
      </div>
      <div>
        <dt>REST URL</dt>
        <dd className="mono">{flink.restUrl}</dd>
      </div>
      <div>
        <dt>TaskManagers</dt>
        <dd>{flink.taskManagers}</dd>
      </div>
      <div>
        <dt>Slots free</dt>
        <dd>
          {flink.slotsAvailable} of {flink.slotsTotal}
        </dd>
      </div>
      <div>
        <dt>Scheduler</dt>
        <dd>{flink.scheduler ?? 'default'}</dd>
      </div>
      <div>
        <dt>HA mode</dt>
        <dd>{cluster.haMode === 'zookeeper' ? 'ZooKeeper' : 'none'}</dd>
      </div>
      <div>
        <dt>Leader</dt>
        <dd>{summary ? <FlinkLeader cluster={summary} /> : '…'}</dd>
      </div>
      <div>
        <dt>Jobs running</dt>
        <dd>
          {cluster.jobs.running} of {cluster.jobs.total}
          {flink.jobs.failed > 0 ? (
            <span className="text-bad"> ({flink.jobs.failed} failed)</span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}
