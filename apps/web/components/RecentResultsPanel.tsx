'use client';

import { formatCount, formatTime } from '@/lib/format';
import { useRecentResults } from '@/lib/queries/jobs';
import type { WindowResult } from '@/lib/trpc/types';
import { type Column, DataTable } from './DataTable';
import { QueryState } from './QueryState';
import { WhenAble } from './WhenAble';

const SHOWN = 10;

const COLUMNS: Column<WindowResult>[] = [
  { header: 'Key', cell: (r) => <span className="mono">{r.key}</span> },
  { header: 'Window', cell: (r) => `${formatTime(r.windowStart)}–${formatTime(r.windowEnd)}` },
  { header: 'Count', numeric: true, cell: (r) => formatCount(r.count) },
];

export function RecentResultsPanel({ jobId }: { jobId: string }) {
  return (
    <section className="panel" aria-labelledby="results-heading">
      <h2 id="results-heading">Recent results</h2>
      <WhenAble ability="results">
        <RecentResults jobId={jobId} />
      </WhenAble>
    </section>
  );
}

function RecentResults({ jobId }: { jobId: string }) {
  const query = useRecentResults(jobId, SHOWN);
  return (
    <QueryState
      query={query}
      what="recent results"
      isEmpty={(rows) => rows.length === 0}
      empty="No window has closed yet."
    >
      {(rows) => (
        <DataTable
          label="Recent results"
          compact
          columns={COLUMNS}
          rows={rows}
          rowKey={(r) => `${r.key}@${r.windowStart}`}
        />
      )}
    </QueryState>
  );
}
