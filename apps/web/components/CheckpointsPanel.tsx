'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { QueryState } from './QueryState';
import { SnapshotTable } from './SnapshotTable';

const SHOWN = 20;

export function CheckpointsPanel({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.checkpoints.list.queryOptions(
      { jobId, limit: SHOWN },
      { refetchInterval: LIVE_REFETCH_MS },
    ),
  );
  return (
    <section className="panel" aria-labelledby="checkpoints-heading">
      <h2 id="checkpoints-heading">Checkpoints</h2>
      <QueryState
        query={query}
        what="checkpoints"
        isEmpty={(rows) => rows.length === 0}
        empty="No checkpoints yet. The first one is taken one checkpoint interval after the job starts."
      >
        {(rows) => <SnapshotTable label="Checkpoints" rows={rows} />}
      </QueryState>
    </section>
  );
}
