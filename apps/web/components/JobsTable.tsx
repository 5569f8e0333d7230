'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatAge, formatCount, formatDateTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { QueryState } from './QueryState';
import { StatusBadge } from './StatusBadge';

export function JobsTable() {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.jobs.list.queryOptions(undefined, { refetchInterval: LIVE_REFETCH_MS }),
  );
  return (
    <section className="panel" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      <QueryState
        query={query}
        what="jobs"
        isEmpty={(jobs) => jobs.length === 0}
        empty="No jobs are deployed on this cluster."
      >
        {(jobs) => (
          <div className="table-scroll">
            <table aria-label="Jobs">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Parallelism
                  </th>
                  <th scope="col">Up since</th>
                  <th scope="col">Last checkpoint</th>
                  <th scope="col" className="num">
                    Restarts
                  </th>
                  <th scope="col" className="num">
                    Dead letters
                  </th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id} data-testid={`job-row-${job.id}`}>
                    <td>
                      <Link href={`/jobs/${encodeURIComponent(job.id)}`}>{job.name}</Link>
                      <div className="muted mono small">{job.id}</div>
                    </td>
                    <td>
                      <StatusBadge status={job.status} />
                    </td>
                    <td className="num">{job.parallelism}</td>
                    <td>{formatDateTime(job.startedAt)}</td>
                    <td>{formatAge(job.lastCompletedCheckpointAt, query.dataUpdatedAt)}</td>
                    <td className={`num${job.restarts > 0 ? ' text-warn' : ''}`}>
                      {formatCount(job.restarts)}
                    </td>
                    <td className={`num${job.deadLetters > 0 ? ' text-warn' : ''}`}>
                      {formatCount(job.deadLetters)}
                    </td>
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
