import { type Rounds, startRounds } from '../core/rounds.js';
import type { Logger } from '../logging/logger.js';
import type { AlertEvaluator } from './evaluator.js';
import type { PagingNotifier } from './paging/paging-notifier.js';

/** Evaluation rounds (and then due deliveries) every `intervalMs`, until stopped. */
export function startAlertLoop(options: {
  evaluator: AlertEvaluator;
  notifier: PagingNotifier;
  intervalMs: number;
  logger: Logger;
}): Rounds {
  return startRounds(
    async () => {
      await options.evaluator.evaluate();
      await options.notifier.deliverDue();
    },
    {
      intervalMs: options.intervalMs,
      onError: (error) => options.logger.error({ err: error }, 'alert evaluation failed'),
    },
  );
}
