'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { formatDateTime, formatTimestamp } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import type { Alert } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';
import { SeverityBadge } from './SeverityBadge';

const REFRESH_MS = 5_000;

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

export function AlertHistoryPanel() {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.alerts.history.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: REFRESH_MS },
    ),
  );
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
          <div className="table-scroll">
            <table aria-label="Alert history">
              <thead>
                <tr>
                  <th scope="col">Fired</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Rule</th>
                  <th scope="col">What</th>
                  <th scope="col">Webhook</th>
                </tr>
              </thead>
              <tbody>
                {r.map((alert) => (
                  <tr key={alert.id} data-state={alert.state}>
                    <td className="nowrap" title={formatDateTime(alert.firedAt)}>
                      {formatTimestamp(alert.firedAt)}
                    </td>
                    <td className="nowrap">
                      {alert.resolvedAt ? (
                        formatTimestamp(alert.resolvedAt)
                      ) : (
                        <strong>firing</strong>
                      )}
                    </td>
                    <td>
                      <SeverityBadge severity={alert.severity} />
                    </td>
                    <td className="mono">{alert.ruleName}</td>
                    <td>{alert.summary}</td>
                    <td>
                      <Deliveries alert={alert} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
