import type { Logger } from '../logging/logger.js';
import type { AlertEvaluator } from './evaluator.js';
import type { WebhookNotifier } from './webhook-notifier.js';

/**
 * Runs evaluation rounds (and then due webhook deliveries) one after another, every
 * `intervalMs`, until stopped. A failed round is logged and the next one tries again.
 */
export function startAlertLoop(options: {
  evaluator: AlertEvaluator;
  notifier: WebhookNotifier | null;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      await options.evaluator.evaluate();
      await options.notifier?.deliverDue();
    } catch (error) {
      options.logger.error({ err: error }, 'alert evaluation failed');
    }
    if (!stopped) timer = setTimeout(() => (running = round()), options.intervalMs);
  };
  running = round();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
