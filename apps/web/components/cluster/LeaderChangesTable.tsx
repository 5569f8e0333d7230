import { formatDateTime, formatDuration } from '@/lib/format';
import type { ClusterOverview } from '@/lib/trpc/types';

/** Who took over from whom, why, and how long the jobs took to run again. */
export function LeaderChangesTable({ changes }: { changes: ClusterOverview['leaderChanges'] }) {
  if (changes.length === 0) return <p className="muted">No leader has been elected yet.</p>;
  return (
    <div className="table-scroll">
      <table aria-label="Recent leader changes">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">
              Recovery
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={`${change.at}-${change.epoch}`}>
              <td>{formatDateTime(change.at)}</td>
              <td className="mono">{change.previousInstanceId ?? '—'}</td>
              <td className="mono">{change.newInstanceId}</td>
              <td>{change.reason}</td>
              <td className="num">
                {change.recoveryMs === null ? 'recovering…' : formatDuration(change.recoveryMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
