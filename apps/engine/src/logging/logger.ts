import { type Logger, pino } from 'pino';
import type { LogStore } from './log-store.js';

export type { Logger };

/**
 * Structured JSON logs on stdout; child loggers carry job/vertex/subtask ids. With a store,
 * every line is also kept there (the API's `logs.query` reads it).
 */
export function createLogger(level: string, store?: LogStore): Logger {
  const options = { level, base: { service: 'weir-engine' } };
  if (!store) return pino(options);
  return pino(
    options,
    pino.multistream([
      { level: 'trace', stream: pino.destination({ dest: 1, sync: true }) },
      { level: 'trace', stream: store },
    ]),
  );
}
