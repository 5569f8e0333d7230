'use client';

import { type JobEventKind, JobEventKindSchema } from '@weir/contract';
import { useState } from 'react';
import { formatDateTime, formatTimestamp } from '@/lib/format';
import { useJobTimeline } from '@/lib/queries/jobs';
import { QueryState } from '../QueryState';

const KINDS = JobEventKindSchema.options;
/** Events per page; "Show older" asks for this many more, up to what the API serves. */
const PAGE = 100;
const MOST = 500;

/** How each kind reads: failures stand out, the routine stays quiet. */
const BADGE: Record<JobEventKind, string> = {
  status: 'badge-idle',
  exception: 'badge-bad',
  checkpoint: 'badge-bad',
  savepoint: 'badge-ok',
  operation: 'badge-busy',
  leader: 'badge-busy',
  action: 'badge-idle',
  alert: 'badge-bad',
};

/**
 * What happened to the job and why, newest first: status changes, failures with their cause,
 * checkpoints that failed, savepoints, restores and rescales, leader takeovers and operators'
 * calls. Kept in the database by the leader, so it reads the same after a failover.
 */
export function TimelinePanel({ jobId }: { jobId: string }) {
  const [shown, setShown] = useState<ReadonlySet<JobEventKind>>(new Set(KINDS));
  const [limit, setLimit] = useState(PAGE);
  const kinds = shown.size === KINDS.length ? undefined : [...shown];
  const query = useJobTimeline(jobId, kinds, limit);
  const toggle = (kind: JobEventKind) => {
    const next = new Set(shown);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setShown(next);
  };
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <fieldset className="timeline-filters">
        <legend>Show</legend>
        {KINDS.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={shown.has(kind)} onChange={() => toggle(kind)} /> {kind}
          </label>
        ))}
      </fieldset>
      {shown.size === 0 ? (
        <p className="state">Choose at least one kind of event.</p>
      ) : (
        <QueryState
          query={query}
          what="the timeline"
          isEmpty={(rows) => rows.length === 0}
          empty="Nothing recorded for this job yet."
        >
          {(rows) => (
            <>
              <ol aria-label="Timeline" className="exception-list">
                {rows.map((e) => (
                  <li key={e.id}>
                    <div>
                      <time dateTime={e.at} title={formatDateTime(e.at)}>
                        {formatTimestamp(e.at)}
                      </time>{' '}
                      <span className={`badge ${BADGE[e.kind]}`}>{e.kind}</span>{' '}
                      <span className="muted">
                        on {e.instanceId}
                        {e.vertexId ? ` · ${e.vertexId}` : ''}
                        {e.subtaskIndex === null ? '' : ` #${e.subtaskIndex}`}
                        {e.auditId === null ? '' : ` · audit row ${e.auditId}`}
                      </span>
                    </div>
                    <span>{e.message}</span>
                    {e.stack ? (
                      <details>
                        <summary>Stack trace</summary>
                        <pre className="stack">{e.stack}</pre>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ol>
              {rows.length >= limit && limit < MOST ? (
                <button type="button" onClick={() => setLimit(Math.min(MOST, limit + PAGE))}>
                  Show older
                </button>
              ) : null}
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
