import { formatDateTime, formatDuration, formatTimestamp } from '@/lib/format';
import type { AuditRow } from '@/lib/trpc/types';

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <div className="table-scroll">
      <table aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">User</th>
            <th scope="col">Action</th>
            <th scope="col">Job</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">From</th>
            <th scope="col">Parameters</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid="audit-row"
              data-action={row.action}
              data-result={row.result}
            >
              <td className="nowrap">
                <time dateTime={row.at} title={formatDateTime(row.at)}>
                  {formatTimestamp(row.at)}
                </time>
              </td>
              <td className="mono" data-testid="audit-actor">
                {row.actor}
              </td>
              <td className="mono">{row.action}</td>
              <td className="mono">{row.jobId ?? '—'}</td>
              <td>
                <span className={`badge badge-${row.result === 'ok' ? 'ok' : 'bad'}`}>
                  {row.result}
                </span>
                {row.message ? <div className="small text-bad">{row.message}</div> : null}
              </td>
              <td className="num">{formatDuration(row.durationMs)}</td>
              <td className="mono small">{row.sourceAddress ?? '—'}</td>
              <td>
                <code className="params">{JSON.stringify(row.params)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
