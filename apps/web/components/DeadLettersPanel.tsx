'use client';

import Link from 'next/link';
import { jobPath } from '@/lib/paths';
import { useDeadLetters } from '@/lib/queries/jobs';
import { useClusterId } from '@/lib/use-cluster-id';
import { QueryState } from './QueryState';

const SHOWN = 5;

/**
 * A vertex's newest dead letters and their exact count, with a link to the job's Dead letters
 * tab, which pages through all of them.
 */
export function DeadLettersPanel({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  const cluster = useClusterId();
  const query = useDeadLetters({ jobId, vertexId, limit: SHOWN });
  return (
    <section aria-labelledby="dead-letters-heading">
      <h3 id="dead-letters-heading">Dead letters</h3>
      <QueryState
        query={query}
        what="dead letters"
        isEmpty={(page) => page.counted === 0}
        empty="No dead letters from this vertex."
      >
        {(page) => (
          <>
            <p>
              {page.counted.toLocaleString()} counted ·{' '}
              <Link
                href={`${jobPath(cluster, jobId, 'dead-letters')}?vertex=${encodeURIComponent(vertexId)}`}
              >
                page through them
              </Link>
            </p>
            <ul aria-label="Dead letters" className="dead-letters">
              {page.items.map((row) => (
                <li key={row.id}>
                  <div>
                    <strong>{row.reason}</strong>{' '}
                    <span className="muted">
                      in {row.vertexId} #{row.subtaskIndex}
                    </span>
                  </div>
                  <code className="mono">{row.record}</code>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}
