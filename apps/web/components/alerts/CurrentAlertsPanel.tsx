'use client';

import Link from 'next/link';
import { formatAge, formatTime } from '@/lib/format';
import { useCurrentAlerts } from '@/lib/queries/alerts';
import { QueryState } from '../QueryState';
import { AcknowledgeButton } from './AcknowledgeButton';
import { SeverityBadge } from './SeverityBadge';

/** Firing alerts first, then conditions still within their `for` time. */
export function CurrentAlertsPanel({ compact = false }: { compact?: boolean }) {
  const query = useCurrentAlerts();
  return (
    <section className="panel" aria-labelledby="current-alerts-heading">
      <div className="panel-head">
        <h2 id="current-alerts-heading">Alerts</h2>
        {compact ? <Link href="/alerts">All alerts</Link> : null}
      </div>
      <QueryState
        query={query}
        what="alerts"
        isEmpty={(c) => c.firing.length + c.pending.length === 0}
        empty="Nothing is firing."
      >
        {(current) => (
          <ul className="alert-list" aria-label="Current alerts">
            {current.firing.map((alert) => (
              <li
                key={`f${alert.id}`}
                data-testid="firing-alert"
                data-rule={alert.ruleName}
                data-silenced={alert.silencedBy ? 'true' : 'false'}
              >
                <SeverityBadge severity={alert.severity} /> <strong>firing</strong>{' '}
                <span className="mono">{alert.ruleName}</span> — {alert.summary}{' '}
                <span className="muted small">
                  since {formatAge(alert.firedAt, query.dataUpdatedAt)}
                </span>
                {alert.silencedBy ? (
                  <span className="badge badge-idle" title={alert.silencedBy.comment}>
                    silenced until {formatTime(alert.silencedBy.endsAt)} by{' '}
                    {alert.silencedBy.createdBy}
                  </span>
                ) : null}{' '}
                {alert.acknowledgedBy ? (
                  <span className="small" data-testid="acknowledged-by">
                    acknowledged by {alert.acknowledgedBy}
                    {alert.acknowledgedAt
                      ? ` ${formatAge(alert.acknowledgedAt, query.dataUpdatedAt)} ago`
                      : ''}
                  </span>
                ) : compact ? null : (
                  <AcknowledgeButton id={alert.id} rule={alert.ruleName} />
                )}
              </li>
            ))}
            {current.pending.map((alert) => (
              <li key={`p${alert.ruleId}`} data-testid="pending-alert">
                <SeverityBadge severity={alert.severity} /> <em>pending</em>{' '}
                <span className="mono">{alert.ruleName}</span> — {alert.summary}{' '}
                <span className="muted small">
                  since {formatAge(alert.since, query.dataUpdatedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {query.data && !query.data.webhookConfigured && !compact ? (
        <p className="muted small">
          No built-in webhook is configured (WEIR_ALERT_WEBHOOK_URL): rules no route sends to a
          notification channel show here only.
        </p>
      ) : null}
    </section>
  );
}
