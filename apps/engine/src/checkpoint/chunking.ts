import { RawJson } from './raw-json.js';
import type { StoredOperatorState } from './state-assignment.js';

/**
 * Keyed state is stored in chunks of whole key groups. Chunk boundaries depend only on
 * maxParallelism, which never changes for a job's state, so an unchanged range serialises to
 * the same bytes (and the same hash) in every checkpoint, at any parallelism and after a
 * rescale. At most MAX_CHUNKS per operator keeps file counts, fsyncs and manifest entries
 * bounded even at maxParallelism 32768 (256 key groups per chunk); at the default 128 a chunk
 * is exactly one key group.
 */
export const MAX_CHUNKS = 128;

export function keyGroupsPerChunk(maxParallelism: number): number {
  return Math.ceil(maxParallelism / MAX_CHUNKS);
}

/**
 * One key group's state as subtasks send it: the UTF-8 JSON of its whole `[keyGroup, state]`
 * pair, serialised in the worker. A large state then crosses threads as a few byte arrays,
 * copied as bytes, rather than millions of small values or long strings the receiving heap
 * must hold and collect; a chunk is these bytes joined, byte for byte what `JSON.stringify`
 * of the pairs gives.
 */
export type SerialisedEntry = [keyGroup: number, json: Uint8Array];

export const serialiseEntry = (keyGroup: number, state: unknown): SerialisedEntry => [
  keyGroup,
  Buffer.from(
    state instanceof RawJson ? `[${keyGroup},${state.text}]` : JSON.stringify([keyGroup, state]),
  ),
];

/** For state held as values (tests, benchmarks): serialised as a subtask would send it. */
export const serialiseKeyed = (keyed: ReadonlyArray<[number, unknown]>): SerialisedEntry[] =>
  keyed.map(([keyGroup, state]) => serialiseEntry(keyGroup, state));

/** A stored state held as values (tests, benchmarks), serialised as subtasks would send it. */
export const serialiseStored = (state: StoredOperatorState): StoredOperatorState<Uint8Array> => ({
  ...state,
  keyed: serialiseKeyed(state.keyed),
});

export interface KeyedChunk {
  /** The inclusive key-group range [start, end] of the chunk (its fixed bounds). */
  keyGroups: [number, number];
  /** The JSON of the chunk's [keyGroup, state] pairs in key-group order (see `chunkData`). */
  entries: Uint8Array[];
}

/** Splits keyed state into chunks holding state, in key-group order; empty chunks are left out. */
export function chunkKeyedState(
  keyed: ReadonlyArray<SerialisedEntry>,
  maxParallelism: number,
): KeyedChunk[] {
  const width = keyGroupsPerChunk(maxParallelism);
  const byChunk = new Map<number, SerialisedEntry[]>();
  for (const entry of keyed) {
    const index = Math.floor(entry[0] / width);
    const pairs = byChunk.get(index);
    if (pairs) pairs.push(entry);
    else byChunk.set(index, [entry]);
  }
  return [...byChunk.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      // Deterministic: the same pairs give the same bytes, whichever subtask order they came in.
      const pairs = (byChunk.get(index) ?? []).sort((a, b) => a[0] - b[0]);
      const start = index * width;
      return {
        keyGroups: [start, Math.min(start + width, maxParallelism) - 1],
        entries: pairs.map((pair) => pair[1]),
      };
    });
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** A chunk's file content: `[a,b,...]` from the JSON bytes of its entries. */
export function chunkData(items: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [OPEN];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
