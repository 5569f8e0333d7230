export interface FailureLimit {
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failures in fixed windows per key, forgetting the least recently counted key beyond
 * `maxKeys`, so memory stays bounded however many keys a flood makes up.
 */
export class FailureCounter {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly maxKeys: number,
  ) {}

  /** Failures of `key` in its current window. */
  count(key: string, now: number): number {
    const w = this.windows.get(key);
    return w && now - w.startedAt < this.limit.windowMs ? w.count : 0;
  }

  /** How long until `key` may try again: 0 while under the limit. */
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

  /** Takes back one failure counted in advance (an attempt that turned out right). */
  refund(key: string): void {
    const w = this.windows.get(key);
    if (w) w.count = Math.max(0, w.count - 1);
  }

  clear(key: string): void {
    this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
