import type { ErrorDomain, WeirErrorCode, WeirErrorData } from '@weir/contract';

/**
 * One error hierarchy for the engine. `domain` says whose fault it is (the caller's,
 * an external system's, or ours); `retriable` tells clients whether trying again can help.
 * The API layer maps these to tRPC codes in one place (api/trpc.ts); codes and domains are
 * the API contract's, since callers see them in every error's `data.weir`.
 */
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

  /** What callers see of this error, in its answer's `data.weir`. */
  get data(): WeirErrorData {
    return { code: this.code, domain: this.domain, retriable: this.retriable };
  }
}

export const notFound = (what: string) =>
  new WeirError('NOT_FOUND', `${what} not found`, { domain: 'user' });

export const invalidArgument = (message: string) =>
  new WeirError('INVALID_ARGUMENT', message, { domain: 'user' });

export const conflict = (message: string) => new WeirError('CONFLICT', message, { domain: 'user' });

export const unavailable = (message: string, cause?: unknown) =>
  new WeirError('UNAVAILABLE', message, { domain: 'external', retriable: true, cause });
