import type { RestartStrategy } from '@weir/contract';

export type RestartDecision =
  | { restart: true; delayMs: number }
  | { restart: false; reason: string };

/**
 * Whether and when to restart after a failure, from the strategy and the failure history
 * (times of every failure so far, the newest last, including this one). Pure, so every
 * strategy is tested without clocks.
 */
export function decideRestart(
  strategy: RestartStrategy,
  failureTimes: readonly number[],
  now: number,
): RestartDecision {
  const failures = failureTimes.length;
  switch (strategy.type) {
    case 'none':
      return { restart: false, reason: 'restart strategy is "none"' };
    case 'fixed-delay':
      return failures <= strategy.attempts
        ? { restart: true, delayMs: strategy.delayMs }
        : {
            restart: false,
            reason: `failed ${failures} times; fixed-delay allows ${strategy.attempts} restarts`,
          };
    case 'failure-rate': {
      const recent = failureTimes.filter((t) => now - t < strategy.intervalMs).length;
      return recent <= strategy.maxFailures
        ? { restart: true, delayMs: strategy.delayMs }
        : {
            restart: false,
            reason: `${recent} failures within ${strategy.intervalMs} ms exceed ${strategy.maxFailures}`,
          };
    }
    case 'exponential': {
      // Failures separated by a long healthy run start a new streak with the initial delay.
      let streak = 1;
      for (let i = failures - 1; i > 0; i--) {
        if ((failureTimes[i] as number) - (failureTimes[i - 1] as number) >= strategy.resetAfterMs)
          break;
        streak += 1;
      }
      if (strategy.attempts !== undefined && streak > strategy.attempts) {
        return {
          restart: false,
          reason: `failed ${streak} times in a row; exponential allows ${strategy.attempts} restarts`,
        };
      }
      const delay = strategy.initialDelayMs * strategy.multiplier ** (streak - 1);
      return { restart: true, delayMs: Math.min(strategy.maxDelayMs, Math.round(delay)) };
    }
  }
}
