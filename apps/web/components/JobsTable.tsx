'use client';

import { JobStatusSchema } from '@weir/contract';
import Link from 'next/link';
import { useState } from 'react';
import { formatAge, formatCount, formatDateTime } from '@/lib/format';
import { jobPath } from '@/lib/paths';
import { useJobs } from '@/lib/queries/jobs';
import type { JobSummary } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { useClusterId } from '@/lib/use-cluster-id';
import { type Column, DataTable } from './DataTable';
import { QueryState } from './QueryState';
import { StatusBadge } from './StatusBadge';

const warnIfAny = (n: number) => (n > 0 ? 'text-warn' : '');

interface ColumnOptions {
  cluster: string;
  now: number;
  /** Whether the cluster keeps dead letters: a Flink job has none to count. */
  deadLetters: boolean;
}

function columns({ cluster, now, deadLetters }: ColumnOptions): Column<JobSummary>[] {
  return [
    {
      header: 'Name',
      cell: (job) => (
        <>
          <Link href={jobPath(cluster, job.id)}>{job.name}</Link>
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
    ...(deadLetters
      ? [
          {
            header: 'Dead letters',
            numeric: true,
            cell: (job: JobSummary) => formatCount(job.deadLetters),
            cellClass: (job: JobSummary) => warnIfAny(job.deadLetters),
          },
        ]
      : []),
  ];
}

type SortKey = 'name' | 'status' | 'started' | 'restarts' | 'deadLetters';

const SORTS: Record<SortKey, { label: string; compare: (a: JobSummary, b: JobSummary) => number }> =
  {
    name: { label: 'Name', compare: (a, b) => a.name.localeCompare(b.name) },
    status: { label: 'Status', compare: (a, b) => a.status.localeCompare(b.status) },
    started: {
      label: 'Newest first',
      compare: (a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''),
    },
    restarts: { label: 'Most restarts', compare: (a, b) => b.restarts - a.restarts },
    deadLetters: { label: 'Most dead letters', compare: (a, b) => b.deadLetters - a.deadLetters },
  };

/** The jobs `filter` keeps, in `sort`'s order (name breaks ties, so the order is stable). */
function shown(
  jobs: JobSummary[],
  filter: { text: string; status: string },
  sort: SortKey,
): JobSummary[] {
  const text = filter.text.trim().toLowerCase();
  return jobs
    .filter(
      (job) =>
        (filter.status === '' || job.status === filter.status) &&
        (text === '' || job.name.toLowerCase().includes(text) || job.id.includes(text)),
    )
    .sort((a, b) => SORTS[sort].compare(a, b) || a.name.localeCompare(b.name));
}

/** The jobs of the page's cluster, either kind. */
export function JobsTable() {
  const cluster = useClusterId();
  const deadLetters = useAbility('results')?.allowed ?? false;
  const query = useJobs();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  return (
    <section className="panel" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Jobs</h2>
      <search className="inline-form" aria-label="Filter jobs">
        <label>
          Name or id <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          Status{' '}
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {JobStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by{' '}
          <select
            aria-label="Sort by"
            value={sort}
            onChange={(e) => setSort(e.target.value as SortKey)}
          >
            {Object.entries(SORTS)
              .filter(([key]) => deadLetters || key !== 'deadLetters')
              .map(([key, { label }]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
          </select>
        </label>
      </search>
      <QueryState
        query={query}
        what="jobs"
        isEmpty={(jobs) => jobs.length === 0}
        empty="No jobs are deployed on this cluster."
      >
        {(jobs) => {
          const rows = shown(jobs, { text, status }, sort);
          return rows.length === 0 ? (
            <p className="state">No job matches these filters ({jobs.length} in all).</p>
          ) : (
            <DataTable
              label="Jobs"
              columns={columns({ cluster, now: query.dataUpdatedAt, deadLetters })}
              rows={rows}
              rowKey={(job) => job.id}
              rowProps={(job) => ({ 'data-testid': `job-row-${job.id}` })}
            />
          );
        }}
      </QueryState>
    </section>
  );
}
