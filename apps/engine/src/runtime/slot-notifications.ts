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
  private readonly counts = new Map<number, number>();
  private readonly waiters = new Map<number, Waiting[]>();

  record(checkpointId: number): void {
    const count = (this.counts.get(checkpointId) ?? 0) + 1;
    this.counts.set(checkpointId, count);
    const waiting = this.waiters.get(checkpointId) ?? [];
    for (const waiter of waiting.filter((w) => count >= w.slots)) waiter.resolve();
    this.waiters.set(
      checkpointId,
      waiting.filter((w) => count < w.slots),
    );
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
