'use client';

import { useState } from 'react';
import { useCheckpoints } from '@/lib/queries/snapshots';
import { QueryState } from '../QueryState';
import { SnapshotTable } from '../SnapshotTable';
import { CheckpointCounts } from './CheckpointCounts';
import { CheckpointDetail } from './CheckpointDetail';
import { CheckpointSettings } from './CheckpointSettings';
import { CheckpointsChart } from './CheckpointsChart';

const SHOWN = 50;

export function CheckpointsTab({ jobId }: { jobId: string }) {
  const [selected, setSelected] = useState<number | null>(null);
  const query = useCheckpoints(jobId, SHOWN);
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
