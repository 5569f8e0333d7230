import { constants, statSync } from 'node:fs';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import path from 'node:path';

/** Writes `bytes` at `position` of an open file and makes them durable (a seam for crash tests). */
export type WriteAt = (handle: FileHandle, bytes: Buffer, position: number) => Promise<void>;

export const writeDurably: WriteAt = async (handle, bytes, position) => {
  await handle.write(bytes, 0, bytes.length, position);
  await handle.sync();
};

/**
 * One output file and how many of its bytes are committed: written, fsynced and counted by
 * the checkpoint that owns them. Every write goes to exactly that offset, after cutting off
 * whatever lies beyond it, so writing the same lines again after a crash (mid-write, or after
 * the write but before a checkpoint recorded it) replaces them instead of repeating them. The
 * file has one writer: whatever else appends to it beyond the committed length is cut off.
 * A file shorter than its committed length was rotated or truncated by someone else; writing
 * then goes on from its end (reported through `onShrunk`) rather than failing the job for ever.
 */
export class CommittedFile {
  /** Bytes of `file` that are committed output. */
  private committed: number;
  /** Restored at a recorded length: bytes beyond it may be a crashed run's, to cut off. */
  private mayHaveLeftovers: boolean;

  constructor(
    readonly file: string,
    /** The length a checkpoint recorded; absent for a fresh start (all the file holds now). */
    restoredLength: number | undefined,
    private readonly onShrunk: (size: number, committed: number) => void = () => {},
    private readonly writeAt: WriteAt = writeDurably,
  ) {
    this.committed = restoredLength ?? sizeOf(file);
    this.mayHaveLeftovers = restoredLength !== undefined;
  }

  get committedBytes(): number {
    return this.committed;
  }

  /**
   * Writes `lines` at the committed length, cutting off anything beyond it first, once
   * `mayCommit()` (asked right before the file changes) allows it; returns whether it did.
   * Called with no lines it still cuts, so a restore's leftovers go even when nothing is owed.
   */
  async commit(lines: string[], mayCommit: () => boolean): Promise<boolean> {
    if (lines.length === 0 && !this.mayHaveLeftovers) return true;
    await mkdir(path.dirname(this.file), { recursive: true });
    const handle = await open(this.file, constants.O_RDWR | constants.O_CREAT);
    let written = 0;
    try {
      const { size } = await handle.stat();
      if (!mayCommit()) return false;
      if (size < this.committed) {
        this.onShrunk(size, this.committed);
        this.committed = size;
      }
      if (size > this.committed) await handle.truncate(this.committed);
      this.mayHaveLeftovers = false;
      if (lines.length === 0) return true;
      const bytes = Buffer.from(`${lines.join('\n')}\n`);
      await this.writeAt(handle, bytes, this.committed);
      written = bytes.length;
    } finally {
      await handle.close();
    }
    // Counted after the last await, so the caller drops the lines it owes in the same turn of
    // the event loop: a snapshot between the two would both count the bytes and owe the lines.
    this.committed += written;
    return true;
  }
}

const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
};
