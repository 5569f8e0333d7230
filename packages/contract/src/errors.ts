/** The engine's error codes; the engine's error middleware maps each to one tRPC code. */
export const WEIR_ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'CONFLICT',
  'NOT_LEADER',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type WeirErrorCode = (typeof WEIR_ERROR_CODES)[number];

/** Whose fault it is: the caller's, an external system's, or the engine's own. */
export type ErrorDomain = 'user' | 'external' | 'internal';

/**
 * What an error answer carries in tRPC's `data.weir` (null when the error is not one of
 * Weir's own). Written by the engine's error formatter, by a standby that cannot hand a call
 * to the leader, and by the console's proxy when no engine answers, so the UI has one way to
 * tell "try again later".
 */
export interface WeirErrorData {
  code: WeirErrorCode;
  domain: ErrorDomain;
  /** Whether trying the same call again can help. */
  retriable: boolean;
}
