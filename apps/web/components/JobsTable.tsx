'use client';

import Link from 'next/link';
import { formatAge, formatCount, formatDateTime } from '@/lib/format';
import { useJobs } from '@/lib/queries/jobs';
import type { JobSummary } from '@/lib/trpc/types';
import { type Column, DataTable } from './DataTable';
import { QueryState } from './QueryState';
import { StatusBadge } from './StatusBadge';

const warnIfAny = (n: number) => (n > 0 ? 'text-warn' : '');

function columns(now: number): Column<JobSummary>[] {
  return [
    {
      header: 'Name',
      cell: (job) => (
        <>
          <Link href={`/jobs/${encodeURIComponent(job.id)}`}>{job.name}</Link>
          <div className="muted mono small">{job.id}</div>
        </>
      ),
    },
    { header: 'Status', cell: (job) => <StatusBadge status={job.status} /> },
    { header: 'Parallelism', numeric: true, cell: (job) => job.parallelism },
    { header: 'Up since', cell: (job) => formatDateTime(job.startedAt) },
    { header: 'Last checkpoint', cell: (job) => formatAge(job.lastCompletedCheckpointAt, now) },
    {
      header: 'Restarts',
      numeric: true,
      cell: (job) => formatCount(job.restarts),
      cellClass: (job) => warnIfAny(job.restarts),
    },
    {
      header: 'Dead letters',
      numeric: true,
      cell: (job) => formatCount(job.deadLetters),
      cellClass: (job) => warnIfAny(job.deadLetters),
    },
  ];
}

export function JobsTable() {
  const query = useJobs();
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
          <DataTable
            label="Jobs"
            columns={columns(query.dataUpdatedAt)}
            rows={jobs}
            rowKey={(job) => job.id}
            rowProps={(job) => ({ 'data-testid': `job-row-${job.id}` })}
          />
        )}
      </QueryState>
    </section>
  );
}
