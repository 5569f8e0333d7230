'use client';

import { useQuery } from '@tanstack/react-query';
import { formatCount, formatTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { QueryState } from './QueryState';

const SHOWN = 10;

export function RecentResultsPanel({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.jobs.recentResults.queryOptions(
      { jobId, limit: SHOWN },
      { refetchInterval: LIVE_REFETCH_MS },
    ),
  );
  return (
    <section className="panel" aria-labelledby="results-heading">
      <h2 id="results-heading">Recent results</h2>
      <QueryState
        query={query}
        what="recent results"
        isEmpty={(rows) => rows.length === 0}
        empty="No window has closed yet."
      >
        {(rows) => (
          <div className="table-scroll">
            <table aria-label="Recent results" className="compact">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Window</th>
                  <th scope="col" className="num">
                    Count
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.key}@${r.windowStart}`}>
                    <td className="mono">{r.key}</td>
                    <td>
                      {formatTime(r.windowStart)}–{formatTime(r.windowEnd)}
                    </td>
                    <td className="num">{formatCount(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
