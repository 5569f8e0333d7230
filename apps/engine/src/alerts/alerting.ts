import type { AlertRepository } from '../db/alert-repository.js';
import type { JobTimeline } from '../db/job-timeline.js';
import type { Logger } from '../logging/logger.js';
import { startAlertLoop } from './alert-loop.js';
import { AlertEvaluator, type PendingAlert, type SignalSource } from './evaluator.js';
import { WebhookNotifier } from './webhook-notifier.js';

export interface Alerting {
  pending(): PendingAlert[];
  webhookConfigured: boolean;
  /** Starts evaluating every interval; the leader calls it once its jobs are submitted. */
  start(): void;
  stop(): Promise<void>;
}

/** The evaluator, the optional webhook and the loop that drives both, wired for the engine. */
export function createAlerting(options: {
  alerts: AlertRepository;
  signals: SignalSource;
  evaluationIntervalMs: number;
  webhookUrl: string;
  clusterId: string;
  logger: Logger;
  /** Where each job's incidents are noted as they fire and resolve. */
  timeline: JobTimeline;
}): Alerting {
  const { alerts, logger, webhookUrl } = options;
  const log = logger.child({ component: 'alerts' });
  const notify = webhookUrl !== '';
  const evaluator = new AlertEvaluator({
    alerts,
    signals: options.signals,
    now: Date.now,
    logger: log,
    notify,
    onIncident: (jobId, message) => options.timeline.record(jobId, 'alert', message),
  });
  const notifier = notify
    ? new WebhookNotifier({
        url: webhookUrl,
        alerts,
        clusterId: options.clusterId,
        now: Date.now,
        logger: log,
      })
    : null;
  let loop: { stop(): Promise<void> } | null = null;
  return {
    pending: () => evaluator.pending(),
    webhookConfigured: notify,
    start() {
      loop ??= startAlertLoop({
        evaluator,
        notifier,
        intervalMs: options.evaluationIntervalMs,
        logger: log,
      });
    },
    /** Stops the loop; `start` may run it again (leadership can come back). */
    async stop() {
      const running = loop;
      loop = null;
      await running?.stop();
    },
  };
}
