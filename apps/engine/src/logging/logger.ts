import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; child loggers carry job/vertex/checkpoint ids. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'weir-engine' } });
}
