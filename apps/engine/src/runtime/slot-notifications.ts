interface Waiting {
  slots: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Counts, per checkpoint, the worker slots that finished notifying their operators that it
 * completed, so a stop can wait for sinks to commit before the workers are terminated.
 */
export class SlotNotifications {
  /** Counts of the newest checkpoints only: a job runs for months, one checkpoint a second. */
  private readonly counts = new Map<number, number>();
  private readonly waiters = new Map<number, Waiting[]>();

  constructor(private readonly remembered = 64) {}

  record(checkpointId: number): void {
    const count = (this.counts.get(checkpointId) ?? 0) + 1;
    this.counts.set(checkpointId, count);
    // A stop asks about the checkpoint that just completed; far older ones are never asked.
    for (const oldest of this.counts.keys()) {
      if (this.counts.size <= this.remembered) break;
      this.counts.delete(oldest);
    }
    const waiting = this.waiters.get(checkpointId) ?? [];
    for (const waiter of waiting.filter((w) => count >= w.slots)) waiter.resolve();
    const still = waiting.filter((w) => count < w.slots);
    if (still.length > 0) this.waiters.set(checkpointId, still);
    else this.waiters.delete(checkpointId);
  }

  waitFor(checkpointId: number, slots: number): Promise<void> {
    if ((this.counts.get(checkpointId) ?? 0) >= slots) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiting = this.waiters.get(checkpointId) ?? [];
      waiting.push({ slots, resolve, reject });
      this.waiters.set(checkpointId, waiting);
    });
  }

  /**
   * The run ended (its workers are gone): nobody is left to notify, so whoever waits hears
   * `reason` instead of waiting for ever (a stop-with-savepoint whose leader was deposed).
   */
  abandon(reason: Error): void {
    for (const waiting of this.waiters.values())
      for (const waiter of waiting) waiter.reject(reason);
    this.waiters.clear();
  }
}
