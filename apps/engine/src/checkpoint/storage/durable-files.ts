import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';

/**
 * Writes and fsyncs a file, so a completed snapshot survives a power cut, not just a crash.
 * `parts` are written in one gathered write, not joined into one buffer first.
 */
export async function writeDurably(file: string, parts: readonly Uint8Array[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const { bytesWritten } = await handle.writev([...parts]);
    const expected = parts.reduce((sum, part) => sum + part.byteLength, 0);
    if (bytesWritten !== expected)
      throw new Error(`${file}: wrote ${bytesWritten} of ${expected} bytes`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temporary files end with this, so a sweep can tell them from finished ones. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * Writes under a temporary name and renames into place: a reader (or a crash) sees the old
 * file, no file, or the whole new one, never a torn one. The caller fsyncs the directory.
 */
export async function writeAtomically(file: string, parts: readonly Uint8Array[]): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}${TEMPORARY_SUFFIX}`;
  await writeDurably(temporary, parts);
  await rename(temporary, file);
}

/** Makes renames and new entries in `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
