import type { ReactNode } from 'react';
import { formatBytes, formatDateTime, formatDuration, formatTimestamp } from '@/lib/format';
import type { Snapshot } from '@/lib/trpc/types';
import type { Column } from './DataTable';
import { StatusBadge } from './StatusBadge';

interface Props {
  /** Accessible name of the table; the e2e finds tables by it ("Checkpoints", "Savepoints"). */
  label: string;
  rows: Snapshot[];
  /** Row to highlight, e.g. the savepoint just taken or the checkpoint whose detail is open. */
  highlightId?: number | null | undefined;
  /** Makes each ID a button that opens that snapshot's detail. */
  onSelect?: (checkpointId: number) => void;
  /** Columns of the caller's own after the time (a savepoint's version, who kept it). */
  columns?: Column<Snapshot>[];
  /** A last column of per-row actions (dispose a savepoint, say). */
  actions?: (row: Snapshot) => ReactNode;
}

/** Checkpoint and savepoint history share one layout: same columns, same meaning. */
export function SnapshotTable({
  label,
  rows,
  highlightId,
  onSelect,
  columns = [],
  actions,
}: Props) {
  // Newest first whatever order the API returns, so the latest is always on top.
  const sorted = [...rows].sort((a, b) => b.checkpointId - a.checkpointId);
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="num">
              ID
            </th>
            <th scope="col">Status</th>
            <th scope="col">Triggered at</th>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th
              scope="col"
              className="num"
              title="Bytes this snapshot wrote; less than its size when it reused files"
            >
              Written
            </th>
            <th scope="col">Path</th>
            <th scope="col">Failure reason</th>
            {actions ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr
              key={s.checkpointId}
              data-testid={`${label.toLowerCase()}-row-${s.checkpointId}`}
              data-status={s.status}
              data-disposed={s.disposedAt ? 'true' : undefined}
              className={s.checkpointId === highlightId ? 'row-highlight' : undefined}
            >
              <td className="num">
                {onSelect ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Details of ${s.kind.toLowerCase()} ${s.checkpointId}`}
                    onClick={() => onSelect(s.checkpointId)}
                  >
                    {s.checkpointId}
                  </button>
                ) : (
                  s.checkpointId
                )}
              </td>
              <td>
                <StatusBadge status={s.status} />
                {s.disposedAt ? (
                  <span className="muted small" title={formatDateTime(s.disposedAt)}>
                    {' '}
                    disposed
                  </span>
                ) : null}
              </td>
              <td className="nowrap">
                <time dateTime={s.triggeredAt} title={formatDateTime(s.triggeredAt)}>
                  {formatTimestamp(s.triggeredAt)}
                </time>
              </td>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(s)}</td>
              ))}
              <td className="num">{formatDuration(s.durationMs)}</td>
              <td className="num">{formatBytes(s.sizeBytes)}</td>
              <td className="num">{formatBytes(s.stats?.writtenBytes ?? null)}</td>
              <td data-testid="snapshot-path">
                {s.path ? <code className="path-text">{s.path}</code> : '—'}
              </td>
              <td className={s.failureReason ? 'text-bad' : undefined}>{s.failureReason ?? '—'}</td>
              {actions ? <td>{actions(s)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
