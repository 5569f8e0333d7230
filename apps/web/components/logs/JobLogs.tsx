'use client';

import { useClusterSummary } from '@/lib/queries/clusters';
import { useClusterId } from '@/lib/use-cluster-id';
import { LogsPanel } from './LogsPanel';

/**
 * A job's Logs tab: the engine's lines about it. A Flink job logs on its own JobManager and
 * TaskManagers, which Weir does not collect, so the tab says where to look instead.
 */
export function JobLogs({ jobId }: { jobId: string }) {
  const cluster = useClusterSummary(useClusterId()).data;
  if (cluster?.kind !== 'flink') return <LogsPanel jobId={jobId} />;
  return (
    <section className="panel" aria-labelledby="logs-heading">
      <h2 id="logs-heading">Logs</h2>
      <p className="state state-empty" data-testid="unavailable">
        Flink keeps this job's logs on its JobManager and TaskManagers; the console shows only the
        logs of Weir's own engine. Read them in Flink's web UI
        {cluster.restUrl ? (
          <>
            {' '}
            at <span className="mono">{cluster.restUrl}</span>
          </>
        ) : null}
        .
      </p>
    </section>
  );
}
