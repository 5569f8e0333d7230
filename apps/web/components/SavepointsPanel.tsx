'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { QueryState } from './QueryState';
import { SnapshotTable } from './SnapshotTable';
import { TriggerSavepoint } from './TriggerSavepoint';

const SHOWN = 20;

interface Props {
  jobId: string;
  /** Undefined while the job itself is still loading. */
  jobStatus: string | undefined;
}

export function SavepointsPanel({ jobId, jobStatus }: Props) {
  const trpc = useTRPC();
  const canTrigger = jobStatus === 'RUNNING';
  const query = useQuery(
    trpc.savepoints.list.queryOptions(
      { jobId, limit: SHOWN },
      { refetchInterval: LIVE_REFETCH_MS },
    ),
  );
  return (
    <section className="panel" aria-labelledby="savepoints-heading">
      <div className="panel-head">
        <h2 id="savepoints-heading">Savepoints</h2>
        <TriggerSavepoint jobId={jobId} disabled={!canTrigger} />
      </div>
      {jobStatus === undefined || canTrigger ? null : (
        <p className="muted small">Savepoints can be taken only while the job is running.</p>
      )}
      <QueryState
        query={query}
        what="savepoints"
        isEmpty={(rows) => rows.length === 0}
        empty="No savepoints yet. Take one before upgrading or rescaling the job."
      >
        {(rows) => <SnapshotTable label="Savepoints" rows={rows} />}
      </QueryState>
    </section>
  );
}
