import type { AlertRecord } from '../../db/alert-repository.js';

/** What every channel is told, in its own format. */
export interface Notification {
  /** 'test': an admin's test of the channel; nothing fired. */
  event: 'firing' | 'resolved' | 'test';
  /** Lets a receiver drop the repeat that a crash between sending and recording can cause. */
  dedupKey: string;
  /** The Weir deployment's cluster id (WEIR_CLUSTER_ID). */
  weirCluster: string;
  alert: {
    id: number;
    jobId: string;
    /** The console cluster the job runs on (`embedded`, or a registered Flink cluster). */
    cluster: string;
    ruleName: string;
    kind: string;
    severity: string;
    summary: string;
    value: number;
    firedAt: string;
    resolvedAt: string | null;
    acknowledgedBy: string | null;
    /** The job's page in the console; null without WEIR_CONSOLE_URL. */
    link: string | null;
  };
}

/** `<console>/clusters/<cluster>/jobs/<job>`, or null when no console URL is configured. */
export function jobLink(consoleUrl: string, cluster: string, jobId: string): string | null {
  if (consoleUrl === '') return null;
  const base = consoleUrl.replace(/\/+$/, '');
  return `${base}/clusters/${encodeURIComponent(cluster)}/jobs/${encodeURIComponent(jobId)}`;
}

export function incidentNotification(
  alert: AlertRecord,
  event: 'firing' | 'resolved',
  context: { weirCluster: string; cluster: string; consoleUrl: string },
): Notification {
  return {
    event,
    dedupKey: `weir-${context.weirCluster}-alert-${alert.id}-${event}`,
    weirCluster: context.weirCluster,
    alert: {
      id: alert.id,
      jobId: alert.jobId,
      cluster: context.cluster,
      ruleName: alert.ruleName,
      kind: alert.kind,
      severity: alert.severity,
      summary: alert.summary,
      value: alert.value,
      firedAt: alert.firedAt,
      resolvedAt: alert.resolvedAt,
      acknowledgedBy: alert.acknowledgedBy,
      link: jobLink(context.consoleUrl, context.cluster, alert.jobId),
    },
  };
}

/** A test that says so everywhere a person or a router looks: title, summary, severity info. */
export function testNotification(
  channel: string,
  by: string,
  context: { weirCluster: string; consoleUrl: string; now: Date },
): Notification {
  const at = context.now.toISOString();
  return {
    event: 'test',
    dedupKey: `weir-${context.weirCluster}-test-${context.now.getTime()}`,
    weirCluster: context.weirCluster,
    alert: {
      id: 0,
      jobId: 'none',
      cluster: context.weirCluster,
      ruleName: 'test-notification',
      kind: 'test',
      severity: 'info',
      summary: `Test notification for channel ${channel}, sent by ${by}: nothing is firing.`,
      value: 0,
      firedAt: at,
      resolvedAt: null,
      acknowledgedBy: null,
      link: context.consoleUrl === '' ? null : `${context.consoleUrl.replace(/\/+$/, '')}/alerts`,
    },
  };
}

/** One line: what fired, on which job and cluster. */
export function headline(n: Notification): string {
  if (n.event === 'test') return `[TEST] Weir test notification (cluster ${n.weirCluster})`;
  const { alert } = n;
  const status = n.event === 'firing' ? 'FIRING' : 'RESOLVED';
  return `[${status}] ${alert.severity}: ${alert.ruleName} on job ${alert.jobId} (cluster ${alert.cluster})`;
}

/** The lines under the headline: the summary, since when, who acknowledged, the link. */
export function details(n: Notification): string[] {
  const { alert } = n;
  const lines = [alert.summary];
  if (n.event !== 'test') lines.push(`Firing since ${alert.firedAt}`);
  if (alert.resolvedAt) lines.push(`Resolved at ${alert.resolvedAt}`);
  if (alert.acknowledgedBy) lines.push(`Acknowledged by ${alert.acknowledgedBy}`);
  if (alert.link) lines.push(`${n.event === 'test' ? 'Console' : 'Job'}: ${alert.link}`);
  return lines;
}
