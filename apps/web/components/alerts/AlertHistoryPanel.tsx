'use client';

import { formatDateTime, formatTimestamp } from '@/lib/format';
import { useAlertHistory } from '@/lib/queries/alerts';
import type { Alert } from '@/lib/trpc/types';
import { type Column, DataTable } from '../DataTable';
import { QueryState } from '../QueryState';
import { SeverityBadge } from './SeverityBadge';

/** Where each webhook delivery stands; a failure is spelled out, with its last error. */
function Deliveries({ alert }: { alert: Alert }) {
  if (alert.notifications.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {alert.notifications.map((n) => (
        <div key={n.event} className={n.status === 'failed' ? 'text-bad small' : 'small'}>
          {n.event}: {n.status}
          {n.attempts > 1 ? ` after ${n.attempts} attempts` : ''}
          {n.lastError && n.status !== 'delivered' ? ` (${n.lastError})` : ''}
        </div>
      ))}
    </>
  );
}

const COLUMNS: Column<Alert>[] = [
  {
    header: 'Fired',
    cellClass: () => 'nowrap',
    cell: (alert) => (
      <span title={formatDateTime(alert.firedAt)}>{formatTimestamp(alert.firedAt)}</span>
    ),
  },
  {
    header: 'Resolved',
    cellClass: () => 'nowrap',
    cell: (alert) =>
      alert.resolvedAt ? formatTimestamp(alert.resolvedAt) : <strong>firing</strong>,
  },
  { header: 'Severity', cell: (alert) => <SeverityBadge severity={alert.severity} /> },
  { header: 'Rule', cell: (alert) => <span className="mono">{alert.ruleName}</span> },
  { header: 'What', cell: (alert) => alert.summary },
  { header: 'Webhook', cell: (alert) => <Deliveries alert={alert} /> },
];

export function AlertHistoryPanel() {
  const query = useAlertHistory(50);
  const rows = query.data?.pages.flatMap((p) => p.rows);
  return (
    <section className="panel" aria-labelledby="alert-history-heading">
      <h2 id="alert-history-heading">History</h2>
      <QueryState
        query={{ ...query, data: rows }}
        what="alert history"
        isEmpty={(r) => r.length === 0}
        empty="No alert has fired yet."
      >
        {(r) => (
          <DataTable
            label="Alert history"
            columns={COLUMNS}
            rows={r}
            rowKey={(alert) => alert.id}
            rowProps={(alert) => ({ 'data-state': alert.state })}
          />
        )}
      </QueryState>
      {query.hasNextPage ? (
        <button type="button" className="button-quiet" onClick={() => query.fetchNextPage()}>
          Older alerts
        </button>
      ) : null}
    </section>
  );
}
