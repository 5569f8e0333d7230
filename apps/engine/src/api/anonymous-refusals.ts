import { FailureCounter, type FailureLimit } from '../auth/failure-counter.js';

export type Admission =
  | { admitted: true }
  | { admitted: false; retryAfterMs: number; firstTurnedAway: boolean };

/**
 * Signed-out mutations that were refused, counted per source address. Past the limit, further
 * signed-out mutations from that address are answered 429 at once and leave no audit row each:
 * one row says the address is being turned away, so a flood cannot fill the database.
 */
export class AnonymousRefusals {
  private readonly refused: FailureCounter;
  /** Addresses already told (and recorded) that they are turned away, until their window ends. */
  private readonly noted = new Map<string, number>();

  constructor(
    limit: FailureLimit,
    private readonly maxKeys: number,
    private readonly now: () => number,
  ) {
    this.refused = new FailureCounter(limit, maxKeys);
  }

  admit(address: string): Admission {
    const now = this.now();
    const retryAfterMs = this.refused.retryAfter(address, now);
    if (retryAfterMs === 0) return { admitted: true };
    const until = this.noted.get(address);
    const firstTurnedAway = until === undefined || until <= now;
    if (firstTurnedAway) {
      this.noted.delete(address);
      this.noted.set(address, now + retryAfterMs);
      if (this.noted.size > this.maxKeys) this.noted.delete(this.noted.keys().next().value ?? '');
    }
    return { admitted: false, retryAfterMs, firstTurnedAway };
  }

  /** A signed-out mutation from `address` was refused (or failed). */
  record(address: string): void {
    this.refused.fail(address, this.now());
  }
}
