import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FINAL_SNAPSHOT, type Operator, type OperatorState } from '../runtime/operator.js';

/**
 * Appends results as JSON lines, but only once the checkpoint covering them is complete, so
 * nothing written can belong to a run that is later rolled back. Lines stay in every
 * checkpoint's state until their append has finished: a job stopped (or killed) while an
 * append was under way writes them again after recovery instead of losing them. So recovery
 * can repeat lines (at-least-once); readers key results by window. The lines of a finished
 * subtask wait for a checkpoint taken after it finished (the job's final checkpoint), like any
 * others: a leader that lost its job while the input ran out writes nothing. Nor does one
 * paused past its leadership lease: its successor restores the lines with the checkpoint.
 */
export class FileSink implements Operator {
  private pending: string[] = [];
  /** Lines frozen by each checkpoint, not yet appended; dropped only once written. */
  private readonly staged = new Map<number, string[]>();
  /** Lines frozen by the final snapshot, after every checkpoint's. */
  private final: string[] = [];
  /** The newest checkpoint this subtask snapshotted before finishing. */
  private lastCheckpointId = 0;
  /** Appends run one after another, so lines keep their order and none is written twice. */
  private appending: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  open(): void {}

  processElement(
    value: unknown,
    _input: number,
    _key: string | undefined,
    _keyGroup: number,
  ): void {
    this.pending.push(JSON.stringify(value));
  }

  processWatermark(): void {}

  snapshotState(checkpointId: number): OperatorState {
    if (checkpointId === FINAL_SNAPSHOT) this.final = this.pending;
    else {
      this.staged.set(checkpointId, this.pending);
      this.lastCheckpointId = checkpointId;
    }
    this.pending = [];
    return { operator: this.unwritten() };
  }

  restoreState(state: OperatorState): void {
    this.pending = [...((state.operator ?? []) as string[])];
  }

  notifyCheckpointComplete(checkpointId: number, mayCommit: () => boolean): Promise<void> {
    this.appending = this.appending.then(async () => {
      const ready = [...this.staged.keys()]
        .filter((id) => id <= checkpointId)
        .sort((a, b) => a - b);
      // A checkpoint newer than every one this subtask snapshotted holds its final state.
      const final = checkpointId > this.lastCheckpointId ? this.final : [];
      const lines = [...ready.flatMap((id) => this.staged.get(id) ?? []), ...final];
      if (!(await this.append(lines, mayCommit))) return; // they stay staged, and in state
      for (const id of ready) this.staged.delete(id);
      if (final === this.final) this.final = [];
    });
    return this.appending;
  }

  private unwritten(): string[] {
    const staged = [...this.staged.entries()].sort(([a], [b]) => a - b);
    return [...staged.flatMap(([, lines]) => lines), ...this.final];
  }

  /** Whether `lines` were written: not once the lease has ended (checked next to the write). */
  private async append(lines: string[], mayCommit: () => boolean): Promise<boolean> {
    if (lines.length === 0) return true;
    await mkdir(path.dirname(this.file), { recursive: true });
    if (!mayCommit()) return false;
    await appendFile(this.file, `${lines.join('\n')}\n`);
    return true;
  }
}
