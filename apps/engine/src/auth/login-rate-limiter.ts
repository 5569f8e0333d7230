import { FailureCounter, type FailureLimit } from './failure-counter.js';

export type { FailureLimit };

export interface LoginRateLimiterOptions {
  /** Per username and source address: stops guessing one account from one place. */
  perAddress: FailureLimit;
  /** Per source address, whatever the username: stops spraying many (or unknown) accounts. */
  perSource: FailureLimit;
  /**
   * Per username from anywhere: past `maxFailures` each attempt is slowed (never refused), so
   * guessing from many addresses gets slow while the owner can still sign in from a new one.
   */
  perUser: FailureLimit & { slowdownMsPerFailure: number; maxSlowdownMs: number };
  /** Keys kept per counter; the oldest go first, so memory stays bounded under a flood. */
  maxKeys: number;
  now: () => number;
}

export type Attempt =
  | { allowed: true; slowdownMs: number }
  | { allowed: false; retryAfterMs: number };

/**
 * Sign-in attempts, counted as failures before the password is checked: concurrent guesses
 * cannot all pass the check while the first ones are still being verified. A correct password
 * takes its count back.
 */
export class LoginRateLimiter {
  private readonly perAddress: FailureCounter;
  private readonly perSource: FailureCounter;
  private readonly perUser: FailureCounter;

  constructor(private readonly options: LoginRateLimiterOptions) {
    this.perAddress = new FailureCounter(options.perAddress, options.maxKeys);
    this.perSource = new FailureCounter(options.perSource, options.maxKeys);
    this.perUser = new FailureCounter(options.perUser, options.maxKeys);
  }

  /** Counts an attempt as failed in advance, unless a limit refuses it outright. */
  begin(username: string, address: string): Attempt {
    const now = this.options.now();
    const pair = keyOf(username, address);
    const wait = Math.max(
      this.perAddress.retryAfter(pair, now),
      this.perSource.retryAfter(address, now),
    );
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
    const { maxFailures, slowdownMsPerFailure, maxSlowdownMs } = this.options.perUser;
    const over = this.perUser.count(username, now) - maxFailures + 1;
    this.perAddress.fail(pair, now);
    this.perSource.fail(address, now);
    this.perUser.fail(username, now);
    return {
      allowed: true,
      slowdownMs: over > 0 ? Math.min(maxSlowdownMs, over * slowdownMsPerFailure) : 0,
    };
  }

  /** The password was right: this address starts afresh, and the attempt no longer counts. */
  succeeded(username: string, address: string): void {
    this.perAddress.clear(keyOf(username, address));
    this.perSource.refund(address);
    this.perUser.refund(username);
  }

  /** Keys held, for tests of the memory bound. */
  get trackedKeys(): number {
    return this.perAddress.size + this.perSource.size + this.perUser.size;
  }
}

const keyOf = (username: string, address: string) => `${username}\n${address}`;
