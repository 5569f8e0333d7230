import { MAX_ROLLBACK_AFTER_MS } from '@weir/contract';

const MAX_SECONDS = MAX_ROLLBACK_AFTER_MS / 1000;

/** How long a new version or program has to prove itself unless the operator says. */
export const DEFAULT_ROLLBACK_SECONDS = '120';

/**
 * The automatic rollback's time as typed (whole seconds, 0 = never) in milliseconds, as
 * upgrades take it; or the problem, in words, for a form to show before anything is sent.
 */
export function rollbackAfterMs(
  seconds: string,
): { ok: true; ms: number } | { ok: false; problem: string } {
  const value = Number(seconds);
  if (seconds.trim() === '' || !Number.isInteger(value) || value < 0 || value > MAX_SECONDS)
    return { ok: false, problem: `a whole number of seconds from 0 to ${MAX_SECONDS}` };
  return { ok: true, ms: value * 1000 };
}
