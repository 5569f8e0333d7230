import { readFile } from 'node:fs/promises';
import type { DatagenConfig, WindowResult } from '@weir/contract';
import { clickEventAt, clickLineAt } from '../src/connectors/datagen/click-generator.js';
import { windowStartOf } from '../src/operators/windows/aligned-window-operator.js';

/**
 * The obvious computation the engine must agree with: every well-formed generated click,
 * counted per user and window (tumbling when `slideMs` is `sizeMs`, else sliding: a click
 * counts in every window that holds it). Datagen's jitter never exceeds its out-of-orderness
 * bound, so no record is late and every record counts.
 */
export function referenceWindowCounts(
  config: DatagenConfig & { count: number; startTime: number },
  sizeMs: number,
  slideMs = sizeMs,
): Map<string, number> {
  const counts = new Map<string, number>();
  const options = { ...config, startTime: config.startTime };
  for (let i = 0; i < config.count; i++) {
    if (!clickLineAt(options, i).endsWith('}')) continue; // a deliberately malformed record
    const event = clickEventAt(options, i);
    for (
      let start = windowStartOf(event.ts, slideMs);
      start > event.ts - sizeMs;
      start -= slideMs
    ) {
      const id = resultId({ key: event.user, windowStart: start });
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** The records datagen makes malformed on purpose, in order: each must become one dead letter. */
export function malformedClickLines(config: DatagenConfig & { count: number; startTime: number }) {
  const lines: string[] = [];
  for (let i = 0; i < config.count; i++) {
    const line = clickLineAt(config, i);
    if (!line.endsWith('}')) lines.push(line);
  }
  return lines;
}

export const resultId = (r: Pick<WindowResult, 'key' | 'windowStart'>) =>
  `${r.key}@${r.windowStart}`;

/** How a sink's output differs from the reference, each result named `key@windowStart=count`. */
export interface OutputDifference {
  /** Expected results the output lacks (one entry per missing occurrence). */
  lost: string[];
  /** Expected results the output holds more than once (one entry per extra occurrence). */
  duplicated: string[];
  /** Results the reference does not have at all (a window with a wrong count, say). */
  unexpected: string[];
}

const resultName = (id: string, count: number) => `${id}=${count}`;

/**
 * Compares output with the reference as multisets: exactly-once holds when every reference
 * result appears exactly once and nothing else appears, so repeats are never folded away.
 */
export function differenceFrom(
  reference: Map<string, number>,
  results: Iterable<WindowResult>,
): OutputDifference {
  const owed = new Map<string, number>();
  for (const [id, count] of reference) owed.set(resultName(id, count), 1);
  const difference: OutputDifference = { lost: [], duplicated: [], unexpected: [] };
  for (const r of results) {
    const name = resultName(resultId(r), r.count);
    const left = owed.get(name);
    if (left === undefined) difference.unexpected.push(name);
    else if (left === 0) difference.duplicated.push(name);
    else owed.set(name, left - 1);
  }
  for (const [name, left] of owed) if (left > 0) difference.lost.push(name);
  return difference;
}

/** What an exactly-once output's difference from its reference is. */
export const NO_DIFFERENCE: OutputDifference = { lost: [], duplicated: [], unexpected: [] };

/** What a file sink wrote: one window result per line (an empty list before the first). */
export async function readResults(file: string): Promise<WindowResult[]> {
  return (await readFile(file, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as WindowResult);
}

/** How a file sink's whole output differs from the reference. */
export async function differenceOfFile(
  reference: Map<string, number>,
  file: string,
): Promise<OutputDifference> {
  return differenceFrom(reference, await readResults(file));
}
