import { randomUUID } from 'node:crypto';
import {
  BATCH_BUDGET_CHARS,
  type DeadLetterBatch,
  type KeptDeadLetter,
  RECORD_LIMIT_CHARS,
} from '../../core/dead-letter-batch.js';

/**
 * One subtask's dead letters: a cumulative count for the metrics, the letters since its last
 * barrier (sealed into a batch at the next one, or by its final state), and the job's
 * per-minute limit, past which the subtask fails.
 */
export class SubtaskDeadLetters {
  count = 0;
  private window = { startedAt: 0, count: 0 };
  private open: { count: number; letters: KeptDeadLetter[]; chars: number } = empty();

  constructor(
    private readonly where: { vertexId: string; subtaskIndex: number },
    private readonly limitPerMinute: number | undefined,
    private readonly now: () => number,
  ) {}

  /** Throws once the limit is passed: the caller's operator fails, and the job restarts. */
  add(operatorUid: string, record: unknown, reason: string): void {
    this.count += 1;
    this.enforceLimit(reason);
    const open = this.open;
    open.count += 1;
    if (open.chars >= BATCH_BUDGET_CHARS) return;
    const text = typeof record === 'string' ? record : (JSON.stringify(record) ?? String(record));
    const truncated = text.length > RECORD_LIMIT_CHARS;
    const kept = truncated ? text.slice(0, RECORD_LIMIT_CHARS) : text;
    open.chars += kept.length;
    open.letters.push({
      at: new Date(this.now()).toISOString(),
      operatorUid,
      reason,
      record: kept,
      truncated,
    });
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

  /** The letters since the previous seal, as the batch of barrier `epoch`; null if none. */
  seal(epoch: number): DeadLetterBatch | null {
    const { count, letters } = this.open;
    if (count === 0) return null;
    this.open = empty();
    return { id: randomUUID(), epoch, ...this.where, count, letters };
  }
}

const empty = () => ({ count: 0, letters: [] as KeptDeadLetter[], chars: 0 });
