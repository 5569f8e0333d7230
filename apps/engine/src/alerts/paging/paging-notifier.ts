import { EMBEDDED_CLUSTER, matchesRuleAndJob } from '@weir/contract';
import { type AlertRecord, type AlertRepository, toAlert } from '../../db/alert-repository.js';
import type { Logger } from '../../logging/logger.js';
import { decide } from './delivery-decision.js';
import { incidentNotification } from './notification.js';
import type { Paging } from './paging.js';

export interface PagingNotifierOptions {
  alerts: AlertRepository;
  paging: Paging;
  /** The console cluster a job runs on, for the text and the link; embedded when not given. */
  clusterOf?: (jobId: string) => string;
  now: () => number;
  logger: Logger;
  /** Attempts before a delivery is given up as failed (and shown so in the console). */
  maxAttempts?: number;
  /** The first retry's delay; each further one doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** Retry delay after `attempts` failures: exponential, capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

type Due = Awaited<ReturnType<AlertRepository['dueNotifications']>>[number];

/**
 * Sends what incidents owe: one "firing" and one "resolved" delivery per channel (a unique key
 * in the database), each retried with backoff on its own until delivered or given up. A round
 * claims each delivery before it sends, so rounds running side by side (or on two instances)
 * never send one twice; `dedupKey` lets receivers drop the repeat a crash between sending and
 * recording can cause. Silences hold deliveries back; acknowledging stops "firing" ones.
 */
export class PagingNotifier {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  /** Alertmanager deliveries of firing incidents: when each was last posted. */
  private readonly postedAt = new Map<number, number>();

  constructor(private readonly options: PagingNotifierOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  }

  /** Makes every attempt that is due now; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    const { alerts, now, paging } = this.options;
    let delivered = 0;
    for (const due of await alerts.dueNotifications(new Date(now()), 50)) {
      // Long enough for one attempt (an SMTP conversation has several timeouts).
      const lease = new Date(now() + 4 * paging.timeoutMs);
      if (!(await alerts.claimDelivery(due.id, due.nextAttemptAt, lease))) continue;
      if (await this.attempt(due)) delivered += 1;
    }
    await this.refreshAlertmanagers();
    return delivered;
  }

  /** True when delivered. */
  private async attempt(due: Due): Promise<boolean> {
    const { alerts, now, paging } = this.options;
    const alert = toAlert(due.alert);
    const event = due.event as 'firing' | 'resolved';
    const at = event === 'firing' && alert.resolvedAt ? Date.parse(alert.resolvedAt) : now();
    const decision = decide({
      event,
      now: now(),
      acknowledged: alert.acknowledgedBy !== null,
      resolved: alert.state === 'resolved',
      silencedUntil: await this.silencedUntil(alert, at),
      firing:
        event === 'resolved'
          ? (await alerts.firingDeliveries(alert.id)).get(due.channelId)
          : undefined,
    });
    if (decision.action === 'postpone') {
      await alerts.postponeDelivery(due.id, new Date(decision.until));
      return false;
    }
    if (decision.action === 'withhold') {
      await alerts.withholdDelivery(due.id, decision.status);
      return false;
    }

    let error: string | null;
    let final = false;
    try {
      const channel = await paging.channel(due.channelId, alerts.channels);
      if (channel === null) {
        final = true;
        error =
          due.channelId === 0
            ? 'WEIR_ALERT_WEBHOOK_URL is no longer set'
            : 'the channel was removed';
      } else {
        error = await paging.send(channel, this.notificationOf(alert, event));
      }
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (error === null) {
      await alerts.recordDelivery(due.id, { delivered: true, at: new Date(now()) });
      this.postedAt.set(due.id, now());
      return true;
    }
    const attempts = due.attempts + 1;
    const retryAt =
      final || attempts >= this.maxAttempts
        ? null
        : new Date(now() + backoffMs(attempts, this.baseDelayMs, this.maxDelayMs));
    this.options.logger.warn(
      { alertId: alert.id, channel: due.channelId, event, attempts, error, giveUp: !retryAt },
      'alert delivery failed',
    );
    await alerts.recordDelivery(due.id, { delivered: false, error, retryAt });
    return false;
  }

  private notificationOf(alert: AlertRecord, event: 'firing' | 'resolved') {
    const { paging } = this.options;
    return incidentNotification(alert, event, {
      weirCluster: paging.weirCluster,
      cluster: this.options.clusterOf?.(alert.jobId) ?? EMBEDDED_CLUSTER,
      consoleUrl: paging.consoleUrl,
    });
  }

  /** When the last-ending silence that matches the incident at `at` ends; null if none does. */
  private async silencedUntil(alert: AlertRecord, at: number): Promise<number | null> {
    const ends = (await this.options.alerts.silences.active(new Date(at)))
      .filter((silence) => matchesRuleAndJob(silence, alert))
      .map((silence) => Date.parse(silence.endsAt));
    return ends.length === 0 ? null : Math.max(...ends);
  }

  /**
   * Posts firing incidents again to the Alertmanagers that have them, every third of the time
   * they hold one, as Prometheus does: Alertmanager resolves an alert nobody posts again.
   */
  private async refreshAlertmanagers(): Promise<void> {
    const { alerts, now, paging } = this.options;
    const managers = (await alerts.channels.list()).filter((c) => c.kind === 'alertmanager');
    if (managers.length === 0) return this.postedAt.clear();
    const ids = new Set(managers.map((c) => c.id));
    const live = new Set<number>();
    for (const alert of await alerts.firingAlerts()) {
      for (const delivery of alert.notifications) {
        if (delivery.event !== 'firing' || delivery.status !== 'delivered') continue;
        if (!ids.has(delivery.channelId)) continue;
        live.add(delivery.id);
        const last = this.postedAt.get(delivery.id) ?? Date.parse(delivery.deliveredAt ?? '');
        if (now() - last < paging.alertmanagerValidMs / 3) continue;
        this.postedAt.set(delivery.id, now());
        const error = await paging
          .channel(delivery.channelId, alerts.channels)
          .then((channel) =>
            channel ? paging.send(channel, this.notificationOf(alert, 'firing')) : null,
          )
          .catch((cause: unknown) => String(cause));
        if (error)
          this.options.logger.warn({ alertId: alert.id, error }, 'alertmanager refresh failed');
      }
    }
    for (const id of this.postedAt.keys()) if (!live.has(id)) this.postedAt.delete(id);
  }
}
