'use client';

import { JobStatusSchema } from '@weir/contract';
import Link from 'next/link';
import { useState } from 'react';
import { formatAge, formatCount, formatDateTime } from '@/lib/format';
import { jobPath, newJobPath } from '@/lib/paths';
import { useJobs } from '@/lib/queries/jobs';
import type { JobSummary } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { useClusterId } from '@/lib/use-cluster-id';
import { type Column, DataTable, type SortDirection } from './DataTable';
import { NavButton } from './NavButton';
import { QueryState } from './QueryState';
import { StatusBadge } from './StatusBadge';

const warnIfAny = (n: number) => (n > 0 ? 'text-warn' : '');

interface ColumnOptions {
  cluster: string;
  now: number;
  /** Whether the cluster keeps dead letters: a Flink job has none to count. */
  deadLetters: boolean;
}

type SortKey = 'name' | 'status' | 'started' | 'restarts' | 'deadLetters';

function columns({ cluster, now, deadLetters }: ColumnOptions): Column<JobSummary, SortKey>[] {
  return [
    {
      header: 'Name',
      sortKey: 'name',
      cell: (job) => (
        <>
          <Link href={jobPath(cluster, job.id)}>{job.name}</Link>
          <div className="muted mono small">{job.id}</div>
        </>
      ),
    },
    { header: 'Status', sortKey: 'status', cell: (job) => <StatusBadge status={job.status} /> },
    { header: 'Parallelism', numeric: true, cell: (job) => job.parallelism },
    { header: 'Up since', sortKey: 'started', cell: (job) => formatDateTime(job.startedAt) },
    { header: 'Last checkpoint', cell: (job) => formatAge(job.lastCompletedCheckpointAt, now) },
    {
      header: 'Restarts',
      sortKey: 'restarts',
      numeric: true,
      cell: (job) => formatCount(job.restarts),
      cellClass: (job) => warnIfAny(job.restarts),
    },
    ...(deadLetters
      ? [
          {
            header: 'Dead letters',
            sortKey: 'deadLetters' as const,
            numeric: true,
            cell: (job: JobSummary) => formatCount(job.deadLetters),
            cellClass: (job: JobSummary) => warnIfAny(job.deadLetters),
          },
        ]
      : []),
  ];
}

/**
 * Each sortable column's ascending order, and the direction its header sorts in first: names
 * from A, the newest and the most troubled jobs first.
 */
const SORTS: Record<
  SortKey,
  { compare: (a: JobSummary, b: JobSummary) => number; first: SortDirection }
> = {
  name: { compare: (a, b) => a.name.localeCompare(b.name), first: 'ascending' },
  status: { compare: (a, b) => a.status.localeCompare(b.status), first: 'ascending' },
  started: {
    compare: (a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''),
    first: 'descending',
  },
  restarts: { compare: (a, b) => a.restarts - b.restarts, first: 'descending' },
  deadLetters: { compare: (a, b) => a.deadLetters - b.deadLetters, first: 'descending' },
};

interface Order {
  by: SortKey;
  direction: SortDirection;
}

/** The jobs `filter` keeps, in `order` (name breaks ties, so the order is stable). */
function shown(jobs: JobSummary[], filter: { text: string; status: string }, order: Order) {
  const text = filter.text.trim().toLowerCase();
  const sign = order.direction === 'ascending' ? 1 : -1;
  return jobs
    .filter(
      (job) =>
        (filter.status === '' || job.status === filter.status) &&
        (text === '' || job.name.toLowerCase().includes(text) || job.id.includes(text)),
    )
    .sort((a, b) => sign * SORTS[order.by].compare(a, b) || a.name.localeCompare(b.name));
}

/** A header clicked again turns its order round; another one sorts in its first direction. */
function nextOrder(order: Order, by: SortKey): Order {
  if (order.by !== by) return { by, direction: SORTS[by].first };
  return { by, direction: order.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** The jobs of the page's cluster, either kind. */
export function JobsTable() {
  const cluster = useClusterId();
  const deadLetters = useAbility('results')?.allowed ?? false;
  const query = useJobs();
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [order, setOrder] = useState<Order>({ by: 'name', direction: 'ascending' });
  return (
    <section className="panel" aria-labelledby="jobs-heading">
      <div className="panel-head">
        <h2 id="jobs-heading">Jobs</h2>
        <div className="trigger">
          <NavButton requires="operator" href={newJobPath(cluster)}>
            New job
          </NavButton>
        </div>
      </div>
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
      </search>
      <QueryState
        query={query}
        what="jobs"
        isEmpty={(jobs) => jobs.length === 0}
        empty="No jobs are deployed on this cluster."
      >
        {(jobs) => {
          const rows = shown(jobs, { text, status }, order);
          return rows.length === 0 ? (
            <p className="state">No job matches these filters ({jobs.length} in all).</p>
          ) : (
            <DataTable
              label="Jobs"
              columns={columns({ cluster, now: query.dataUpdatedAt, deadLetters })}
              rows={rows}
              rowKey={(job) => job.id}
              rowProps={(job) => ({ 'data-testid': `job-row-${job.id}` })}
              sort={{ ...order, onSort: (by) => setOrder(nextOrder(order, by)) }}
            />
          );
        }}
      </QueryState>
    </section>
  );
}
