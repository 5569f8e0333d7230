export interface DeadLetter {
  at: string;
  vertexId: string;
  operatorUid: string;
  reason: string;
  /** The record as received, truncated so one huge record cannot exhaust memory. */
  sample: string;
}

const SAMPLE_LIMIT = 2048;

/** Bounded in-memory dead-letter store: counts everything, keeps the newest `capacity`. */
export class DeadLetterStore {
  private readonly entries: DeadLetter[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity = 200) {}

  add(vertexId: string, operatorUid: string, record: unknown, reason: string, now: Date): void {
    this.counts.set(vertexId, (this.counts.get(vertexId) ?? 0) + 1);
    const text = typeof record === 'string' ? record : JSON.stringify(record);
    this.entries.push({
      at: now.toISOString(),
      vertexId,
      operatorUid,
      reason,
      sample: text.slice(0, SAMPLE_LIMIT),
    });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  countFor(vertexId: string): number {
    return this.counts.get(vertexId) ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** Newest first. */
  recent(limit: number): DeadLetter[] {
    return this.entries.slice(-limit).reverse();
  }
}
