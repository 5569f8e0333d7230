import type { Notification } from '../notification.js';

/**
 * Alertmanager's v2 alert (POST /api/v2/alerts takes a list of them). A firing alert's `endsAt`
 * is `validUntil`: Weir posts it again before then while it fires, as Prometheus does, so
 * Alertmanager resolves it by itself only if Weir stops. A resolved one ends when it resolved.
 */
export function alertmanagerAlert(n: Notification, validUntil: Date) {
  const { alert } = n;
  return {
    labels: {
      alertname: n.event === 'test' ? 'WeirTestNotification' : alertName(alert.kind),
      job: alert.jobId,
      cluster: alert.cluster,
      severity: alert.severity,
      rule: alert.ruleName,
    },
    annotations: {
      summary: alert.summary,
      ...(alert.link ? { link: alert.link } : {}),
      ...(alert.acknowledgedBy ? { acknowledged_by: alert.acknowledgedBy } : {}),
    },
    startsAt: alert.firedAt,
    endsAt: alert.resolvedAt ?? validUntil.toISOString(),
    ...(alert.link ? { generatorURL: alert.link } : {}),
  };
}

/** `job-failed` -> `WeirJobFailed`, the names deploy/prometheus/rules.yml uses. */
function alertName(kind: string): string {
  return `Weir${kind
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
}

export function alertsEndpoint(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/v2/alerts`;
}
