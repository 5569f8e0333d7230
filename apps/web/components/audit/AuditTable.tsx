import { formatDateTime, formatDuration, formatTimestamp } from '@/lib/format';
import type { AuditRow } from '@/lib/trpc/types';
import { type Column, DataTable } from '../DataTable';

const COLUMNS: Column<AuditRow>[] = [
  {
    header: 'Time',
    cellClass: () => 'nowrap',
    cell: (row) => (
      <time dateTime={row.at} title={formatDateTime(row.at)}>
        {formatTimestamp(row.at)}
      </time>
    ),
  },
  {
    header: 'User',
    cell: (row) => (
      <span className="mono" data-testid="audit-actor">
        {row.actor}
      </span>
    ),
  },
  { header: 'Action', cell: (row) => <span className="mono">{row.action}</span> },
  { header: 'Job', cell: (row) => <span className="mono">{row.jobId ?? '—'}</span> },
  {
    header: 'Result',
    cell: (row) => (
      <>
        <span className={`badge badge-${row.result === 'ok' ? 'ok' : 'bad'}`}>{row.result}</span>
        {row.message ? <div className="small text-bad">{row.message}</div> : null}
      </>
    ),
  },
  { header: 'Duration', numeric: true, cell: (row) => formatDuration(row.durationMs) },
  { header: 'From', cell: (row) => <span className="mono small">{row.sourceAddress ?? '—'}</span> },
  {
    header: 'Parameters',
    cell: (row) => <code className="params">{JSON.stringify(row.params)}</code>,
  },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      label="Audit events"
      columns={COLUMNS}
      rows={rows}
      rowKey={(row) => row.id}
      rowProps={(row) => ({
        'data-testid': 'audit-row',
        'data-action': row.action,
        'data-result': row.result,
      })}
    />
  );
}
