/**
 * Counts, per checkpoint, the worker slots that finished notifying their operators that it
 * completed, so a stop can wait for sinks to commit before the workers are terminated.
 */
export class SlotNotifications {
  private readonly counts = new Map<number, number>();
  private readonly waiters = new Map<number, Array<{ slots: number; resolve: () => void }>>();

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
    return new Promise((resolve) => {
      const waiting = this.waiters.get(checkpointId) ?? [];
      waiting.push({ slots, resolve });
      this.waiters.set(checkpointId, waiting);
    });
  }
}
