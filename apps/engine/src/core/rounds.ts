/** A loop started by `startRounds`. */
export interface Rounds {
  /** Stops after the round in progress, if any, has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `round` now and then again `intervalMs` after each one ends, until stopped: rounds
 * never overlap, and a failed round goes to `onError` while the next one tries again.
 */
export function startRounds(
  round: () => Promise<void>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): Rounds {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const next = async () => {
    try {
      await round();
    } catch (error) {
      options.onError(error);
    }
    if (!stopped) timer = setTimeout(() => (running = next()), options.intervalMs);
  };
  running = next();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
