/**
 * Bounds how many password hashes are checked at once. argon2 runs on libuv's thread pool,
 * which checkpoint file writes share: a flood of sign-ins must not hold every thread while a
 * checkpoint waits to write. Calls beyond the queue are turned away at once.
 */
export class VerificationSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrent: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `fn` in a slot, or returns `busy` when too many are already waiting. */
  async run<T>(fn: () => Promise<T>): Promise<{ busy: true } | { busy: false; value: T }> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.maxWaiting) return { busy: true };
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    try {
      return { busy: false, value: await fn() };
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.running -= 1;
    }
  }
}
