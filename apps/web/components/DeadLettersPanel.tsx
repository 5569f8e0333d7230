'use client';

import { useVertexDeadLetters } from '@/lib/queries/jobs';
import { QueryState } from './QueryState';
import { WhenAble } from './WhenAble';

const SHOWN = 20;

/**
 * The newest records the job could not process, so an operator can see what is wrong with them.
 * The API samples per job; the sample is narrowed to one vertex here.
 */
export function DeadLettersPanel({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  return (
    <section aria-labelledby="dead-letters-heading">
      <h3 id="dead-letters-heading">Dead letters (latest samples)</h3>
      <WhenAble ability="results">
        <DeadLetters jobId={jobId} vertexId={vertexId} />
      </WhenAble>
    </section>
  );
}

function DeadLetters({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  const query = useVertexDeadLetters(jobId, vertexId, SHOWN);
  return (
    <QueryState
      query={query}
      what="dead letters"
      isEmpty={(rows) => rows.length === 0}
      empty="No recent dead letters from this vertex."
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
  );
}
