'use client';

import { formatCount } from '@/lib/format';
import { useCheckpointCounts } from '@/lib/queries/snapshots';
import { QueryState } from '../QueryState';

/** Totals over the job's whole history, which the table (newest 50) cannot show. */
export function CheckpointCounts({ jobId }: { jobId: string }) {
  const query = useCheckpointCounts(jobId);
  return (
    <QueryState query={query} what="checkpoint counts">
      {(counts) => (
        <dl className="facts" aria-label="Checkpoint counts" data-testid="checkpoint-counts">
          <div>
            <dt>Completed</dt>
            <dd data-testid="count-completed">{formatCount(counts.completed)}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd className={counts.failed > 0 ? 'text-bad' : undefined}>
              {formatCount(counts.failed)}
            </dd>
          </div>
          <div>
            <dt>In progress</dt>
            <dd>{formatCount(counts.inProgress)}</dd>
          </div>
        </dl>
      )}
    </QueryState>
  );
}
