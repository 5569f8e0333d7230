'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { QueryState } from '../QueryState';
import { SnapshotTable } from '../SnapshotTable';
import { CheckpointCounts } from './CheckpointCounts';
import { CheckpointDetail } from './CheckpointDetail';
import { CheckpointSettings } from './CheckpointSettings';
import { CheckpointsChart } from './CheckpointsChart';

const SHOWN = 50;

export function CheckpointsTab({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<number | null>(null);
  const query = useQuery(
    trpc.checkpoints.list.queryOptions(
      { jobId, limit: SHOWN },
      { refetchInterval: LIVE_REFETCH_MS },
    ),
  );
  return (
    <>
      <CheckpointSettings jobId={jobId} />
      <section className="panel" aria-labelledby="checkpoints-heading">
        <h2 id="checkpoints-heading">Checkpoints</h2>
        <CheckpointCounts jobId={jobId} />
        <QueryState
          query={query}
          what="checkpoints"
          isEmpty={(rows) => rows.length === 0}
          empty="No checkpoints yet. The first one is taken one checkpoint interval after the job starts."
        >
          {(rows) => (
            <>
              <CheckpointsChart rows={rows} />
              <SnapshotTable
                label="Checkpoints"
                rows={rows}
                highlightId={selected}
                onSelect={setSelected}
              />
            </>
          )}
        </QueryState>
      </section>
      {selected === null ? null : (
        <CheckpointDetail jobId={jobId} checkpointId={selected} onClose={() => setSelected(null)} />
      )}
    </>
  );
}
