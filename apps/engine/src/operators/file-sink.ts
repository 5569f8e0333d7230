import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Operator, OperatorState } from '../runtime/operator.js';

/**
 * Appends results as JSON lines, but only once the checkpoint covering them is complete, so
 * nothing written can belong to a run that is later rolled back. Output pending at a
 * checkpoint travels in that checkpoint's state. A crash between the append and the next
 * checkpoint can repeat lines on recovery (at-least-once); readers key results by window.
 */
export class FileSink implements Operator {
  private pending: string[] = [];
  /** Pending lines frozen by each in-flight checkpoint, written when it completes. */
  private readonly staged = new Map<number, string[]>();

  constructor(private readonly file: string) {}

  open(): void {}

  processElement(value: unknown): void {
    this.pending.push(JSON.stringify(value));
  }

  processWatermark(): void {}

  snapshotState(checkpointId: number): OperatorState {
    const lines = this.pending;
    this.staged.set(checkpointId, lines);
    this.pending = [];
    return { operator: lines };
  }

  restoreState(state: OperatorState): void {
    // Output of the restored checkpoint may or may not have been appended before the crash;
    // re-appending it is the at-least-once side of the trade-off described above.
    this.pending = [...((state.operator ?? []) as string[])];
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const ready = [...this.staged.keys()].filter((id) => id <= checkpointId).sort((a, b) => a - b);
    const lines = ready.flatMap((id) => this.staged.get(id) ?? []);
    for (const id of ready) this.staged.delete(id);
    if (lines.length === 0) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${lines.join('\n')}\n`);
  }

  /** A finished bounded job flushes what no checkpoint will ever cover. */
  async endInput(): Promise<void> {
    const lines = [
      ...[...this.staged.entries()].sort(([a], [b]) => a - b).flatMap(([, l]) => l),
      ...this.pending,
    ];
    this.staged.clear();
    this.pending = [];
    if (lines.length === 0) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, `${lines.join('\n')}\n`);
  }
}
