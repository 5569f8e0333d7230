'use client';

import { formatDateTime, formatTime, formatTimestamp } from '@/lib/format';
import { useAlertHistory } from '@/lib/queries/alerts';
import type { Alert } from '@/lib/trpc/types';
import { type Column, DataTable } from '../DataTable';
import { QueryState } from '../QueryState';
import { SeverityBadge } from './SeverityBadge';

type Delivery = Alert['notifications'][number];

/** A delivery's state in words: retrying and given up spelled out, with the last error. */
function deliveryState(alert: Alert, n: Delivery): string {
  const next = n.nextAttemptAt ? formatTime(n.nextAttemptAt) : '';
  switch (n.status) {
    case 'pending':
      if (n.attempts > 0) return `retrying after ${n.attempts} failed attempts, next at ${next}`;
      // The notifier moved it on: it found the incident silenced.
      if (alert.silencedBy && n.nextAttemptAt && n.nextAttemptAt > alert.firedAt)
        return `held back by a silence, looked at again at ${next}`;
      return 'due';
    case 'delivered':
      return n.attempts > 1 ? `delivered after ${n.attempts} attempts` : 'delivered';
    case 'failed':
      return `given up after ${n.attempts} attempts`;
    case 'silenced':
      return 'not sent: silenced';
    case 'acknowledged':
      return 'not sent: acknowledged first';
  }
}

/** Where each delivery stands, per channel and event. */
function Deliveries({ alert }: { alert: Alert }) {
  if (alert.notifications.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {alert.notifications.map((n) => (
        <div
          key={`${n.channelId}-${n.event}`}
          className={n.status === 'failed' ? 'text-bad small' : 'small'}
          data-testid="delivery"
        >
          <span className="mono">{n.channel}</span> {n.event}: {deliveryState(alert, n)}
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
  { header: 'Notifications', cell: (alert) => <Deliveries alert={alert} /> },
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
