/** How many samples per operator a subtask keeps between two reports. */
const SAMPLES_PER_REPORT = 10;
const SAMPLE_LIMIT = 2048;

export interface DeadLetterSample {
  at: string;
  reason: string;
  sample: string;
}

/**
 * One subtask's dead letters: a cumulative count for the metrics, a few samples per operator
 * until the next report, and the job's per-minute limit, past which the subtask fails.
 */
export class SubtaskDeadLetters {
  count = 0;
  private window = { startedAt: 0, count: 0 };
  private readonly samples = new Map<string, DeadLetterSample[]>();

  constructor(
    private readonly limitPerMinute: number | undefined,
    private readonly now: () => number,
  ) {}

  /** Throws once the limit is passed: the caller's operator fails, and the job restarts. */
  add(uid: string, record: unknown, reason: string): void {
    this.count += 1;
    this.enforceLimit(reason);
    const samples = this.samples.get(uid) ?? [];
    if (samples.length >= SAMPLES_PER_REPORT) return;
    const text = typeof record === 'string' ? record : JSON.stringify(record);
    samples.push({
      at: new Date(this.now()).toISOString(),
      reason,
      sample: text.slice(0, SAMPLE_LIMIT),
    });
    this.samples.set(uid, samples);
  }

  private enforceLimit(reason: string): void {
    if (this.limitPerMinute === undefined) return;
    const now = this.now();
    if (now - this.window.startedAt >= 60_000) this.window = { startedAt: now, count: 0 };
    this.window.count += 1;
    if (this.window.count > this.limitPerMinute) {
      throw new Error(
        `more than ${this.limitPerMinute} dead letters within a minute; the last: ${reason}`,
      );
    }
  }

  /** Samples gathered since the last call, per operator. */
  takeSamples(): Array<{ operatorUid: string; samples: DeadLetterSample[] }> {
    const out = [...this.samples].map(([operatorUid, samples]) => ({ operatorUid, samples }));
    this.samples.clear();
    return out;
  }
}
