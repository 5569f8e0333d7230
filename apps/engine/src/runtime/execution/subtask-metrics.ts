type Phase = 'busy' | 'backpressured' | 'idle';

/**
 * Busy / backpressured / idle time of one subtask, as Flink reports them: every moment is
 * attributed to exactly one phase, switched when the subtask starts or stops work.
 */
export class PhaseClock {
  private phase: Phase = 'idle';
  private since: number;
  readonly totals = { busy: 0, backpressured: 0, idle: 0 };

  constructor(private readonly now: () => number) {
    this.since = now();
  }

  enter(next: Phase): void {
    if (next === this.phase) return;
    this.settle();
    this.phase = next;
  }

  /** Books the running phase up to now, so totals are current when read. */
  settle(): void {
    const t = this.now();
    this.totals[this.phase] += t - this.since;
    this.since = t;
  }
}
