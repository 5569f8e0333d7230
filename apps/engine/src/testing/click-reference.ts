import { readFile } from 'node:fs/promises';
import type { DatagenConfig, WindowResult } from '@weir/shared';
import { clickEventAt, clickLineAt } from '../connectors/datagen/click-generator.js';
import { windowStartOf } from '../operators/windows/aligned-window-operator.js';

/**
 * The obvious computation the engine must agree with: every well-formed generated click,
 * counted per user and window. Datagen's jitter never exceeds its out-of-orderness bound, so
 * no record is late and every record counts.
 */
export function referenceWindowCounts(
  config: DatagenConfig & { count: number; startTime: number },
  sizeMs: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  const options = { ...config, startTime: config.startTime };
  for (let i = 0; i < config.count; i++) {
    if (!clickLineAt(options, i).endsWith('}')) continue; // a deliberately malformed record
    const event = clickEventAt(options, i);
    const id = resultId({ key: event.user, windowStart: windowStartOf(event.ts, sizeMs) });
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export const resultId = (r: Pick<WindowResult, 'key' | 'windowStart'>) =>
  `${r.key}@${r.windowStart}`;

/**
 * Folds sink output (which may repeat results after a recovery) into one count per window;
 * a repeated result with a different count means recovery corrupted state, so it throws.
 */
export function foldResults(results: Iterable<WindowResult>): Map<string, number> {
  const folded = new Map<string, number>();
  for (const r of results) {
    const id = resultId(r);
    const seen = folded.get(id);
    if (seen !== undefined && seen !== r.count)
      throw new Error(`window ${id} emitted twice with different counts: ${seen} and ${r.count}`);
    folded.set(id, r.count);
  }
  return folded;
}

/** What a file sink wrote: one window result per line (an empty list before the first). */
export async function readResults(file: string): Promise<WindowResult[]> {
  return (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as WindowResult);
}

/** A file sink's results folded per window, to compare with `referenceWindowCounts`. */
export async function foldedResultsOf(file: string): Promise<Map<string, number>> {
  return foldResults(await readResults(file));
}
