import { formatBytes, formatDateTime, formatDuration, formatTimestamp } from '@/lib/format';
import type { Snapshot } from '@/lib/trpc/types';
import { StatusBadge } from './StatusBadge';

interface Props {
  /** Accessible name of the table; the e2e finds tables by it ("Checkpoints", "Savepoints"). */
  label: string;
  rows: Snapshot[];
  /** Row to highlight, e.g. the savepoint just taken. */
  highlightId?: number | undefined;
}

/** Checkpoint and savepoint history share one layout: same columns, same meaning. */
export function SnapshotTable({ label, rows, highlightId }: Props) {
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
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Path</th>
            <th scope="col">Failure reason</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr
              key={s.checkpointId}
              data-testid={`${label.toLowerCase()}-row-${s.checkpointId}`}
              data-status={s.status}
              className={s.checkpointId === highlightId ? 'row-highlight' : undefined}
            >
              <td className="num">{s.checkpointId}</td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td className="nowrap">
                <time dateTime={s.triggeredAt} title={formatDateTime(s.triggeredAt)}>
                  {formatTimestamp(s.triggeredAt)}
                </time>
              </td>
              <td className="num">{formatDuration(s.durationMs)}</td>
              <td className="num">{formatBytes(s.sizeBytes)}</td>
              <td data-testid="snapshot-path">
                {s.path ? <code className="path-text">{s.path}</code> : '—'}
              </td>
              <td className={s.failureReason ? 'text-bad' : undefined}>{s.failureReason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
