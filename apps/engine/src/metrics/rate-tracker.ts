/**
 * Per-second rates from monotonically growing totals: samples are pushed once a second and
 * the rate is taken over the last few samples, which smooths batch-sized jumps.
 */
export class RateTracker {
  private readonly samples: Array<{ atMs: number; total: number }> = [];

  constructor(private readonly windowSamples = 5) {}

  sample(atMs: number, total: number): void {
    this.samples.push({ atMs, total });
    if (this.samples.length > this.windowSamples + 1) this.samples.shift();
  }

  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.atMs <= first.atMs) return 0;
    return Math.max(0, ((last.total - first.total) * 1000) / (last.atMs - first.atMs));
  }
}
