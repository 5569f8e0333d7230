import type { AlertRepository } from '../db/alert-repository.js';
import { toAlert } from '../db/alert-repository.js';
import type { Logger } from '../logging/logger.js';

export interface WebhookNotifierOptions {
  url: string;
  alerts: AlertRepository;
  clusterId: string;
  now: () => number;
  logger: Logger;
  /** Attempts before a delivery is given up as failed (and shown so in the console). */
  maxAttempts?: number;
  /** The first retry's delay; each further one doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
}

/** Retry delay after `attempts` failures: exponential, capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Posts each owed notification as JSON to one webhook. Each incident owes at most one
 * "firing" and one "resolved" delivery (a unique key in the database), each retried with
 * backoff until delivered or given up; `dedupKey` lets receivers drop the repeat a crash
 * between sending and recording can cause.
 */
export class WebhookNotifier {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookNotifierOptions) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Makes every attempt that is due now; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    const { alerts, now } = this.options;
    let delivered = 0;
    for (const due of await alerts.dueNotifications(new Date(now()), 50)) {
      const alert = toAlert(due.alert);
      const body = {
        version: 1,
        dedupKey: `weir-${this.options.clusterId}-alert-${alert.id}-${due.event}`,
        status: due.event,
        cluster: this.options.clusterId,
        alert: {
          id: alert.id,
          job: alert.jobId,
          rule: alert.ruleName,
          kind: alert.kind,
          severity: alert.severity,
          summary: alert.summary,
          value: alert.value,
          firedAt: alert.firedAt,
          resolvedAt: alert.resolvedAt,
        },
      };
      const error = await this.post(body);
      if (error === null) {
        delivered += 1;
        await alerts.recordDelivery(due.id, { delivered: true, at: new Date(now()) });
        continue;
      }
      const attempts = due.attempts + 1;
      const retryAt =
        attempts >= this.maxAttempts
          ? null
          : new Date(now() + backoffMs(attempts, this.baseDelayMs, this.maxDelayMs));
      this.options.logger.warn(
        { alertId: alert.id, event: due.event, attempts, error, giveUp: retryAt === null },
        'alert webhook delivery failed',
      );
      await alerts.recordDelivery(due.id, { delivered: false, error, retryAt });
    }
    return delivered;
  }

  /** Null when the webhook answered 2xx, else what went wrong. */
  private async post(body: unknown): Promise<string | null> {
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body?.cancel();
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return cause instanceof Error ? cause.message : String(cause);
    }
  }
}
