import type { Notification } from '../notification.js';
import { headline } from '../notification.js';

/** The JSON a generic webhook (and WEIR_ALERT_WEBHOOK_URL) receives: version 1, fields only added. */
export function webhookBody(n: Notification) {
  const { jobId, cluster, ruleName, ...rest } = n.alert;
  return {
    version: 1,
    dedupKey: n.dedupKey,
    status: n.event,
    test: n.event === 'test',
    cluster: n.weirCluster,
    text: headline(n),
    alert: { ...rest, job: jobId, jobCluster: cluster, rule: ruleName },
  };
}
