export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
}

export interface LoginRateLimiterOptions {
  /** Per username and source address: stops guessing one account from one place. */
  perAddress: FailureLimit;
  /**
   * Per username alone, higher: the address comes from X-Forwarded-For, which a client can
   * vary, so this caps guessing at one account however many addresses it claims.
   */
  perUser: FailureLimit;
  /** Keys kept per counter; the oldest go first, so memory stays bounded under a flood. */
  maxKeys: number;
  now: () => number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts failures in fixed windows per key, forgetting the oldest key beyond `maxKeys`. */
class FailureCounter {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly maxKeys: number,
  ) {}

  retryAfter(key: string, now: number): number {
    const w = this.windows.get(key);
    if (!w || now - w.startedAt >= this.limit.windowMs) return 0;
    return w.count >= this.limit.maxFailures ? w.startedAt + this.limit.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    const w = this.windows.get(key);
    const current = w && now - w.startedAt < this.limit.windowMs ? w : { count: 0, startedAt: now };
    // Re-inserting moves the key to the end of the Map's order, so eviction hits idle keys.
    this.windows.delete(key);
    this.windows.set(key, { ...current, count: current.count + 1 });
    if (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
  }

  clear(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}

export class LoginRateLimiter {
  private readonly perAddress: FailureCounter;
  private readonly perUser: FailureCounter;

  constructor(private readonly options: LoginRateLimiterOptions) {
    this.perAddress = new FailureCounter(options.perAddress, options.maxKeys);
    this.perUser = new FailureCounter(options.perUser, options.maxKeys);
  }

  check(username: string, address: string): LimitDecision {
    const now = this.options.now();
    const wait = Math.max(
      this.perAddress.retryAfter(keyOf(username, address), now),
      this.perUser.retryAfter(username, now),
    );
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  recordFailure(username: string, address: string): void {
    const now = this.options.now();
    this.perAddress.fail(keyOf(username, address), now);
    this.perUser.fail(username, now);
  }

  /** A correct password from this address clears its count; the per-user count runs out. */
  recordSuccess(username: string, address: string): void {
    this.perAddress.clear(keyOf(username, address));
  }

  /** Keys held, for tests of the memory bound. */
  get trackedKeys(): number {
    return this.perAddress.size + this.perUser.size;
  }
}

const keyOf = (username: string, address: string) => `${username}\n${address}`;
