import { type Rounds, startRounds } from '../core/rounds.js';
import type { Logger } from '../logging/logger.js';
import type { AlertEvaluator } from './evaluator.js';
import type { WebhookNotifier } from './webhook-notifier.js';

/** Evaluation rounds (and then due webhook deliveries) every `intervalMs`, until stopped. */
export function startAlertLoop(options: {
  evaluator: AlertEvaluator;
  notifier: WebhookNotifier | null;
  intervalMs: number;
  logger: Logger;
}): Rounds {
  return startRounds(
    async () => {
      await options.evaluator.evaluate();
      await options.notifier?.deliverDue();
    },
    {
      intervalMs: options.intervalMs,
      onError: (error) => options.logger.error({ err: error }, 'alert evaluation failed'),
    },
  );
}
