/**
 * Asynchronous work a job master started and must not outlive (snapshot writes, retention):
 * tracked until it settles, so stopping can wait for all of it.
 */
export class TrackedWork {
  private readonly running = new Set<Promise<void>>();

  get size(): number {
    return this.running.size;
  }

  track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Resolves once nothing in `groups` runs, including work one finishing item started. */
  static async settle(...groups: TrackedWork[]): Promise<void> {
    while (groups.some((group) => group.size > 0))
      await Promise.allSettled(groups.flatMap((group) => [...group.running]));
  }
}
