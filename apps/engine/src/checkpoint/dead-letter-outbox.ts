import type { DeadLetterBatch } from '../core/dead-letter-batch.js';
import type { Logger } from '../logging/logger.js';

/**
 * A run started from snapshot `checkpointId`: what was published of the job after that
 * snapshot was written (`writtenAt`), from a later barrier or a final state, is processed
 * again and must go, except the batches the snapshot itself stored (`keep`).
 */
export interface DeadLetterRewind {
  checkpointId: number;
  writtenAt: Date;
  keep: string[];
}

/** Where a job's dead letters become visible for good (the database). */
export interface DeadLetterPublisher {
  /** Applies `rewind` first if given, then adds `batches`; a batch published before is left as it is. */
  publish(
    jobId: string,
    batches: DeadLetterBatch[],
    rewind: DeadLetterRewind | null,
  ): Promise<void>;
}

interface Owed {
  batch: DeadLetterBatch;
  /** In a committed snapshot: every later snapshot covers its records, so carries it too. */
  committed: boolean;
}

/**
 * A job's dead letters on their way to the publisher, exactly once across failures. A batch
 * is owed from the ack that carries it until published. Each snapshot stores the batches of the
 * records it covers: its own acks' and every owed batch of an earlier barrier (one whose
 * checkpoint failed, or whose publishing failed). Once the snapshot commits they are published
 * (again, if need be: publishing is idempotent by batch id). A run started from a snapshot
 * rewinds what was published after it (its records are processed again, like a file sink
 * cutting its file back) and publishes what the snapshot stored. Publishing runs one call at a
 * time, so a rewind always comes before the new run's batches.
 */
export class DeadLetterOutbox {
  private readonly owed = new Map<string, Owed>();
  private rewind: DeadLetterRewind | null = null;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobId: string,
    private readonly publisher: DeadLetterPublisher | undefined,
    private readonly logger: Logger,
  ) {}

  /** A subtask sealed `batch` at a barrier. Final batches (epoch 0) ride with the final state. */
  received(batch: DeadLetterBatch | null): void {
    if (batch && batch.epoch > 0) this.owed.set(batch.id, { batch, committed: false });
  }

  /** What snapshot `checkpointId` stores: `own` (its acks' batches) and what it also covers. */
  forSnapshot(checkpointId: number, own: DeadLetterBatch[]): DeadLetterBatch[] {
    const out = new Map(own.map((batch) => [batch.id, batch]));
    for (const { batch, committed } of this.owed.values()) {
      if (committed || batch.epoch <= checkpointId) out.set(batch.id, batch);
    }
    return [...out.values()];
  }

  /** A snapshot storing `batches` committed: publish them. */
  committed(batches: DeadLetterBatch[]): Promise<void> {
    for (const batch of batches) this.owed.set(batch.id, { batch, committed: true });
    return this.publish(batches);
  }

  /** A new run starts from `snapshot` (or from nothing): what it stored is owed, nothing else. */
  restored(
    snapshot: { checkpointId: number; writtenAt: Date; deadLetters: DeadLetterBatch[] } | null,
  ): Promise<void> {
    this.owed.clear();
    if (!snapshot) return this.publishing;
    const { checkpointId, writtenAt, deadLetters } = snapshot;
    this.rewind = { checkpointId, writtenAt, keep: deadLetters.map((batch) => batch.id) };
    return this.committed(deadLetters);
  }

  private publish(batches: DeadLetterBatch[]): Promise<void> {
    this.publishing = this.publishing.then(() => this.publishNow(batches));
    return this.publishing;
  }

  private async publishNow(batches: DeadLetterBatch[]): Promise<void> {
    const rewind = this.rewind;
    if (batches.length === 0 && !rewind) return;
    try {
      await this.publisher?.publish(this.jobId, batches, rewind);
      if (this.rewind === rewind) this.rewind = null;
      for (const batch of batches) this.owed.delete(batch.id);
    } catch (error) {
      // Still owed (and the rewind still due): the next snapshot stores them again, and its
      // commit publishes them.
      this.logger.warn(
        { job: this.jobId, batches: batches.length, err: error },
        'dead letters not published yet',
      );
    }
  }
}
