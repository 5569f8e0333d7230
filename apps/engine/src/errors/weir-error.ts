/**
 * One error hierarchy for the engine. `domain` says whose fault it is (the caller's,
 * an external system's, or ours); `retriable` tells clients whether trying again can help.
 * The API layer maps these to tRPC codes in one place (api/trpc.ts).
 */
export type ErrorDomain = 'user' | 'external' | 'internal';

export type WeirErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'CONFLICT'
  | 'NOT_LEADER'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export class WeirError extends Error {
  readonly code: WeirErrorCode;
  readonly domain: ErrorDomain;
  readonly retriable: boolean;

  constructor(
    code: WeirErrorCode,
    message: string,
    opts: { domain: ErrorDomain; retriable?: boolean; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.name = 'WeirError';
    this.code = code;
    this.domain = opts.domain;
    this.retriable = opts.retriable ?? false;
  }
}

export const notFound = (what: string) =>
  new WeirError('NOT_FOUND', `${what} not found`, { domain: 'user' });

export const invalidArgument = (message: string) =>
  new WeirError('INVALID_ARGUMENT', message, { domain: 'user' });

export const conflict = (message: string) => new WeirError('CONFLICT', message, { domain: 'user' });

export const unavailable = (message: string, cause?: unknown) =>
  new WeirError('UNAVAILABLE', message, { domain: 'external', retriable: true, cause });
