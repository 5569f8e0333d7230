import {
  FINAL_SNAPSHOT,
  type Operator,
  type OperatorContext,
  type OperatorState,
} from '../core/operator.js';
import { CommittedFile, type WriteAt, writeDurably } from './committed-file.js';

/** What a file sink keeps in each checkpoint: where its file's committed output ends, and what it still owes. */
export interface FileSinkState {
  file: string;
  committedBytes: number;
  lines: string[];
}

/**
 * Writes results as JSON lines to one file, exactly once (see "Sinks and their guarantees" in
 * the README). A checkpoint's lines are written only once it completes, and only within the
 * leader's lease. Every checkpoint records the file's committed length and every line not yet
 * written below it; a restore goes back to that length and writes the owed lines again, so a
 * crash at any instant (before the write, during it, or after it but before a later
 * checkpoint counted it) neither loses nor repeats a line. The lines of a finished subtask
 * wait for a checkpoint taken after it finished (the job's final checkpoint), like any others.
 * One writer per file: the spec pins this operator's parallelism to 1.
 */
export class FileSink implements Operator {
  private pending: string[] = [];
  /** Lines frozen by each checkpoint, not yet written; dropped only once written. */
  private readonly staged = new Map<number, string[]>();
  /** Lines frozen by the final snapshot, after every checkpoint's. */
  private final: string[] = [];
  /** The newest checkpoint this subtask snapshotted before finishing. */
  private lastCheckpointId = 0;
  /** Writes run one after another, so lines keep their order and none is written twice. */
  private writing: Promise<void> = Promise.resolve();
  private output!: CommittedFile;
  private onShrunk: (size: number, committed: number) => void = () => {};

  constructor(
    private readonly file: string,
    private readonly writeAt: WriteAt = writeDurably,
  ) {}

  open(ctx: OperatorContext): void {
    this.onShrunk = (size, committed) =>
      ctx.logger.warn(
        { file: this.file, size, committed },
        'file sink output is shorter than its committed length (rotated or truncated outside Weir): writing on from its end',
      );
    this.output = this.outputAt(undefined);
  }

  /** The output file, committed up to `committed` bytes (absent: all it holds now). */
  private outputAt(committed: number | undefined): CommittedFile {
    return new CommittedFile(this.file, committed, this.onShrunk, this.writeAt);
  }

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
    const state: FileSinkState = {
      file: this.file,
      committedBytes: this.output.committedBytes,
      lines: this.unwritten(),
    };
    return { operator: [state] };
  }

  /**
   * Lines owed to this file resume at its recorded committed length: whatever lies beyond it
   * was written after that checkpoint and is cut off by the next write, which writes them
   * again. Lines owed to another file (the spec's path changed) are written here, at its end.
   */
  restoreState(state: OperatorState): void {
    for (const item of (state.operator ?? []) as Array<FileSinkState | string>) {
      if (typeof item === 'string') {
        this.pending.push(item); // a checkpoint from before committed lengths were recorded
        continue;
      }
      this.pending.push(...item.lines);
      if (item.file === this.file) this.output = this.outputAt(item.committedBytes);
    }
  }

  notifyCheckpointComplete(checkpointId: number, mayCommit: () => boolean): Promise<void> {
    this.writing = this.writing.then(async () => {
      const ready = [...this.staged.keys()]
        .filter((id) => id <= checkpointId)
        .sort((a, b) => a - b);
      // A checkpoint newer than every one this subtask snapshotted holds its final state.
      const final = checkpointId > this.lastCheckpointId ? this.final : [];
      const lines = [...ready.flatMap((id) => this.staged.get(id) ?? []), ...final];
      if (!(await this.output.commit(lines, mayCommit))) return; // they stay staged, and in state
      // No await from here on: the committed length grew in this very turn (see `commit`).
      for (const id of ready) this.staged.delete(id);
      if (final === this.final) this.final = [];
    });
    return this.writing;
  }

  private unwritten(): string[] {
    const staged = [...this.staged.entries()].sort(([a], [b]) => a - b);
    return [...staged.flatMap(([, lines]) => lines), ...this.final];
  }
}
