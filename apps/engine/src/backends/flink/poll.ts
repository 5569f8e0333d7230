import { WeirError } from '../../errors/weir-error.js';

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 1_000;

/**
 * Asks `check` until it returns a value, waiting 100 ms, then twice as long each time up to
 * 1 s: Flink's asynchronous operations (savepoints, cancels, rescales) take from milliseconds
 * to minutes. An error `check` throws ends the wait with it. After `timeoutMs` a retriable
 * UNAVAILABLE error says what did not happen; `what` may be a function, asked then, to say
 * where things stand.
 */
export async function pollFor<T>(
  what: string | (() => Promise<string>),
  check: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = FIRST_DELAY_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) {
      const described = typeof what === 'string' ? what : await what();
      throw new WeirError(
        'UNAVAILABLE',
        `gave up after ${timeoutMs / 1000} s waiting for ${described}`,
        { domain: 'external', retriable: true },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
