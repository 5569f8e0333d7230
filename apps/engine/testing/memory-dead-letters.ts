import type {
  DeadLetterPublisher,
  DeadLetterRewind,
} from '../src/checkpoint/dead-letter-outbox.js';
import type { DeadLetterBatch } from '../src/core/dead-letter-batch.js';

/** Published dead letters in memory, with the database's rules: idempotent by batch id, rewound by restores. */
export class MemoryDeadLetters implements DeadLetterPublisher {
  private readonly batches = new Map<string, DeadLetterBatch & { publishedAt: number }>();

  async publish(
    _jobId: string,
    batches: DeadLetterBatch[],
    rewind: DeadLetterRewind | null,
  ): Promise<void> {
    if (rewind) {
      const keep = new Set(rewind.keep);
      for (const [id, batch] of this.batches) {
        const later = batch.epoch === 0 || batch.epoch > rewind.checkpointId;
        if (later && batch.publishedAt > rewind.writtenAt.getTime() && !keep.has(id))
          this.batches.delete(id);
      }
    }
    for (const batch of batches)
      if (!this.batches.has(batch.id))
        this.batches.set(batch.id, { ...batch, publishedAt: Date.now() });
  }

  get count(): number {
    let sum = 0;
    for (const batch of this.batches.values()) sum += batch.count;
    return sum;
  }

  /** The kept records, one entry per dead letter (not folded). */
  records(): string[] {
    return [...this.batches.values()].flatMap((batch) => batch.letters.map((l) => l.record));
  }

  reasons(): string[] {
    return [...this.batches.values()].flatMap((batch) => batch.letters.map((l) => l.reason));
  }
}
