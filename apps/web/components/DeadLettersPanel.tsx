'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { QueryState } from './QueryState';

const SHOWN = 5;

/** The newest records the job could not process, so an operator can see what is wrong with them. */
export function DeadLettersPanel({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.jobs.deadLetters.queryOptions({ jobId, limit: SHOWN }, { refetchInterval: LIVE_REFETCH_MS }),
  );
  return (
    <section className="panel" aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">Dead letters</h2>
      <QueryState
        query={query}
        what="dead letters"
        isEmpty={(rows) => rows.length === 0}
        empty="Every record so far was processed."
      >
        {(rows) => (
          <ul aria-label="Dead letters" className="dead-letters">
            {rows.map((row) => (
              <li key={`${row.at}-${row.sample}`}>
                <div>
                  <strong>{row.reason}</strong> <span className="muted">in {row.vertexId}</span>
                </div>
                <code className="mono">{row.sample}</code>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
