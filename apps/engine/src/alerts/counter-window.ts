/**
 * Recent samples of one cumulative counter (dead letters, restarts), so rules can ask how
 * much it grew within a window. A drop means the counter restarted from zero (the job was
 * restarted), and counts as growth from zero, as Prometheus's increase() treats it.
 */
export class CounterWindow {
  private samples: { at: number; value: number }[] = [];

  add(at: number, value: number, keepMs: number): void {
    this.samples.push({ at, value });
    // Keep one sample older than the horizon: it is the baseline for the oldest window.
    const horizon = at - keepMs;
    const firstInside = this.samples.findIndex((s) => s.at >= horizon);
    if (firstInside > 1) this.samples = this.samples.slice(firstInside - 1);
  }

  increase(windowMs: number, now: number): number {
    const from = now - windowMs;
    let total = 0;
    for (let i = 1; i < this.samples.length; i += 1) {
      const prev = this.samples[i - 1];
      const cur = this.samples[i];
      if (!prev || !cur || cur.at <= from || cur.at > now) continue;
      total += cur.value >= prev.value ? cur.value - prev.value : cur.value;
    }
    return total;
  }
}
