import { type Rounds, startRounds } from '../core/rounds.js';
import type { Logger } from '../logging/logger.js';
import type { SavepointScheduler } from './savepoint-scheduler.js';

/** How often the schedule looks at every policy; savepoints are due in hours, not seconds. */
export const SCHEDULE_INTERVAL_MS = 30_000;

/**
 * The savepoint schedule as the leader runs it: started once its jobs are recovered, stopped
 * when leadership goes (a standby must not take savepoints of jobs it does not run).
 */
export function savepointScheduleLoop(
  scheduler: SavepointScheduler,
  logger: Logger,
  intervalMs = SCHEDULE_INTERVAL_MS,
): { start(): void; stop(): Promise<void> } {
  let rounds: Rounds | null = null;
  return {
    start() {
      rounds ??= startRounds(() => scheduler.round(), {
        intervalMs,
        onError: (error) => logger.error({ err: error }, 'savepoint schedule round failed'),
      });
    },
    async stop() {
      const running = rounds;
      rounds = null;
      await running?.stop();
    },
  };
}
