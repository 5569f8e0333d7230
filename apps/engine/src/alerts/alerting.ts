import type { SecretBox } from '../auth/secret-box.js';
import type { AlertRepository } from '../db/alert-repository.js';
import type { JobTimeline } from '../db/job-timeline.js';
import type { Logger } from '../logging/logger.js';
import { startAlertLoop } from './alert-loop.js';
import { AlertEvaluator, type PendingAlert, type SignalSource } from './evaluator.js';
import { Paging } from './paging/paging.js';
import { PagingNotifier } from './paging/paging-notifier.js';
import { channelsFor } from './paging/routing.js';

export interface Alerting {
  pending(): PendingAlert[];
  webhookConfigured: boolean;
  /** The notification channels, for the API's channel procedures. */
  paging: Paging;
  /** Starts evaluating every interval; the leader calls it once its jobs are submitted. */
  start(): void;
  stop(): Promise<void>;
}

/** The evaluator, the notifier with its channels, and the loop that drives both. */
export function createAlerting(options: {
  alerts: AlertRepository;
  signals: SignalSource;
  evaluationIntervalMs: number;
  webhookUrl: string;
  clusterId: string;
  logger: Logger;
  /** Where each job's incidents are noted as they fire and resolve. */
  timeline: JobTimeline;
  /** Seals channel secrets (WEIR_CLUSTER_SECRETS_KEY); null: channels with secrets are refused. */
  secrets: SecretBox | null;
  /** WEIR_CONSOLE_URL, for links to job pages in notifications; '' for none. */
  consoleUrl: string;
  /** The console cluster each job runs on, named in notifications. */
  clusterOf: (jobId: string) => string;
  /** A job's labels as last listed, which routes match on; none for a job not listed. */
  labelsOf: (jobId: string) => Readonly<Record<string, string>>;
}): Alerting {
  const { alerts, logger } = options;
  const log = logger.child({ component: 'alerts' });
  const paging = new Paging({
    secrets: options.secrets,
    builtInWebhookUrl: options.webhookUrl,
    consoleUrl: options.consoleUrl,
    weirCluster: options.clusterId,
    now: Date.now,
  });
  const evaluator = new AlertEvaluator({
    alerts,
    signals: options.signals,
    now: Date.now,
    logger: log,
    notify: true,
    route: async (rule) =>
      channelsFor(
        rule,
        options.labelsOf(rule.jobId),
        await alerts.channels.routes(),
        paging.builtInConfigured,
      ),
    onIncident: (jobId, message) => options.timeline.record(jobId, 'alert', message),
  });
  const notifier = new PagingNotifier({
    alerts,
    paging,
    clusterOf: options.clusterOf,
    now: Date.now,
    logger: log,
  });
  let loop: { stop(): Promise<void> } | null = null;
  return {
    pending: () => evaluator.pending(),
    webhookConfigured: paging.builtInConfigured,
    paging,
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
