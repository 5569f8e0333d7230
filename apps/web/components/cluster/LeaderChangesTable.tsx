import { formatDateTime, formatDuration } from '@/lib/format';
import type { ClusterOverview } from '@/lib/trpc/types';
import { type Column, DataTable } from '../DataTable';

type LeaderChange = ClusterOverview['leaderChanges'][number];

const COLUMNS: Column<LeaderChange>[] = [
  { header: 'When', cell: (c) => formatDateTime(c.at) },
  { header: 'From', cell: (c) => <span className="mono">{c.previousInstanceId ?? '—'}</span> },
  { header: 'To', cell: (c) => <span className="mono">{c.newInstanceId}</span> },
  { header: 'Reason', cell: (c) => c.reason },
  {
    header: 'Recovery',
    numeric: true,
    cell: (c) => (c.recoveryMs === null ? 'recovering…' : formatDuration(c.recoveryMs)),
  },
];

/** Who took over from whom, why, and how long the jobs took to run again. */
export function LeaderChangesTable({ changes }: { changes: LeaderChange[] }) {
  if (changes.length === 0) return <p className="muted">No leader has been elected yet.</p>;
  return (
    <DataTable
      label="Recent leader changes"
      columns={COLUMNS}
      rows={changes}
      rowKey={(c) => `${c.at}-${c.epoch}`}
    />
  );
}
