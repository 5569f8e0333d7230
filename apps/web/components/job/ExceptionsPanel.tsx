'use client';

import { formatDateTime, formatTimestamp } from '@/lib/format';
import { useJobExceptions } from '@/lib/queries/jobs';
import { QueryState } from '../QueryState';

/** Failures the job recovered from (or did not), newest first, with the stack on demand. */
export function ExceptionsPanel({ jobId }: { jobId: string }) {
  const query = useJobExceptions(jobId);
  return (
    <section className="panel" aria-labelledby="exceptions-heading">
      <h2 id="exceptions-heading">Exceptions</h2>
      <QueryState
        query={query}
        what="exceptions"
        isEmpty={(rows) => rows.length === 0}
        empty="No exceptions: the job has not failed since it was submitted."
      >
        {(rows) => (
          <ul aria-label="Exceptions" className="exception-list">
            {[...rows]
              .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
              .map((e) => (
                <li key={`${e.at}-${e.vertexId}-${e.subtaskIndex}`}>
                  <div>
                    <time dateTime={e.at} title={formatDateTime(e.at)}>
                      {formatTimestamp(e.at)}
                    </time>{' '}
                    <span className="muted">
                      {e.vertexId ?? 'job'}
                      {e.subtaskIndex === null ? '' : ` #${e.subtaskIndex}`}
                    </span>
                  </div>
                  <strong className="text-bad">{e.message}</strong>
                  {e.stack ? (
                    <details>
                      <summary>Stack trace</summary>
                      <pre className="stack">{e.stack}</pre>
                    </details>
                  ) : null}
                </li>
              ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
