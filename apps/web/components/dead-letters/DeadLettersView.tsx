'use client';

import type { DeadLetterEntry } from '@weir/contract';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { formatDateTime, formatTimestamp } from '@/lib/format';
import { useDeadLetters, useJob } from '@/lib/queries/jobs';
import { useClusterId } from '@/lib/use-cluster-id';
import { QueryState } from '../QueryState';
import { ExportDeadLetters } from './ExportDeadLetters';
import { ReplayDeadLetters } from './ReplayDeadLetters';

const PAGE_SIZE = 50;

/**
 * The job's dead letters as kept in the database: every record an operator could not process,
 * published once the checkpoint covering it committed (so a failover neither loses nor repeats
 * one). Filtered by vertex, reason and text on the engine, paged newest first, exported as
 * JSON lines, and replayed into the job's Kafka input once fixed.
 */
export function DeadLettersView({ jobId }: { jobId: string }) {
  const cluster = useClusterId();
  const job = useJob(jobId);
  const [vertexId, setVertexId] = useState(useSearchParams().get('vertex') ?? '');
  const [reasonKind, setReasonKind] = useState('');
  const [search, setSearch] = useState('');
  // Cursors of the pages before this one: "Newer" goes back one.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [selected, setSelected] = useState<ReadonlyMap<string, DeadLetterEntry>>(new Map());
  const filter = {
    cluster,
    jobId,
    ...(vertexId ? { vertexId } : {}),
    ...(reasonKind ? { reasonKind } : {}),
    ...(search ? { search } : {}),
  };
  const cursor = cursors.at(-1);
  const query = useDeadLetters({ ...filter, cursor, limit: PAGE_SIZE });
  const refilter = (apply: () => void) => {
    apply();
    setCursors([undefined]);
    setSelected(new Map());
  };
  const toggle = (letter: DeadLetterEntry) => {
    const next = new Map(selected);
    if (next.has(letter.id)) next.delete(letter.id);
    else next.set(letter.id, letter);
    setSelected(next);
  };
  return (
    <section className="panel" aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">Dead letters</h2>
      <div className="timeline-filters">
        <label>
          Vertex{' '}
          <select value={vertexId} onChange={(e) => refilter(() => setVertexId(e.target.value))}>
            <option value="">all</option>
            {(job.data?.vertices ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason{' '}
          <select
            value={reasonKind}
            onChange={(e) => refilter(() => setReasonKind(e.target.value))}
          >
            <option value="">all</option>
            {(query.data?.reasons ?? []).map((r) => (
              <option key={r.reasonKind} value={r.reasonKind}>
                {r.reasonKind} ({r.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Text{' '}
          <input
            type="search"
            value={search}
            maxLength={200}
            onChange={(e) => refilter(() => setSearch(e.target.value))}
          />
        </label>
      </div>
      <QueryState
        query={query}
        what="dead letters"
        isEmpty={(page) => page.items.length === 0}
        empty="No dead letters match."
      >
        {(page) => (
          <>
            <p role="status" aria-label="Dead letter counts">
              <strong>{page.counted.toLocaleString()}</strong> counted
              {vertexId ? ` in ${vertexId}` : ''} · {page.matching.toLocaleString()} kept match the
              filter
            </p>
            <div className="table-scroll">
              <table aria-label="Dead letters" className="dead-letter-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Select</span>
                    </th>
                    <th scope="col">When</th>
                    <th scope="col">Where</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Record</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((letter) => (
                    <tr key={letter.id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Select dead letter ${letter.id}`}
                          checked={selected.has(letter.id)}
                          onChange={() => toggle(letter)}
                        />
                      </td>
                      <td>
                        <time dateTime={letter.at} title={formatDateTime(letter.at)}>
                          {formatTimestamp(letter.at)}
                        </time>
                      </td>
                      <td>
                        {letter.vertexId} #{letter.subtaskIndex}
                      </td>
                      <td>
                        {letter.reason}
                        {letter.replayedAt ? (
                          <span className="muted"> · replayed by {letter.replayedBy}</span>
                        ) : null}
                      </td>
                      <td>
                        <code className="mono">{letter.record}</code>
                        {letter.truncated ? <span className="muted"> (truncated)</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="actions">
              <button
                type="button"
                disabled={cursors.length === 1}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Newer
              </button>
              <button
                type="button"
                disabled={!page.nextCursor}
                onClick={() => setCursors([...cursors, page.nextCursor ?? undefined])}
              >
                Older
              </button>
            </div>
          </>
        )}
      </QueryState>
      <div className="actions">
        <ExportDeadLetters filter={filter} />
        <ReplayDeadLetters
          jobId={jobId}
          selected={[...selected.values()]}
          onDone={() => setSelected(new Map())}
        />
      </div>
    </section>
  );
}
