import { RawJson } from '../core/raw-json.js';
import type { StoredOperatorState } from './state-assignment.js';

/**
 * One key group's state as subtasks send it: the UTF-8 JSON of the state, as pieces whose
 * concatenation is that JSON. A large state then crosses threads as a few byte arrays,
 * copied as bytes, rather than millions of small values or long strings the receiving heap
 * must hold and collect. A piece is never changed once sent: the job master stores it once
 * and later checkpoints that hold the very same piece refer to where it already is.
 */
export type SerialisedEntry = [keyGroup: number, pieces: Uint8Array[]];

/**
 * Text parts from this long on become pieces of their own: joined into the text around them
 * (a column of base64 megabytes long) they would be copied once more for nothing.
 */
const OWN_PIECE_CHARS = 4096;

export const serialiseEntry = (keyGroup: number, state: unknown): SerialisedEntry => [
  keyGroup,
  state instanceof RawJson ? piecesOf(state) : [Buffer.from(JSON.stringify(state))],
];

/** The operator's byte arrays as they are (the same objects), its text as bytes. */
function piecesOf(raw: RawJson): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let text = '';
  const flush = () => {
    if (text) pieces.push(Buffer.from(text));
    text = '';
  };
  for (const part of raw.parts) {
    if (typeof part === 'string' && part.length < OWN_PIECE_CHARS) {
      text += part;
      continue;
    }
    flush();
    if (typeof part === 'string') text = part;
    else pieces.push(part);
    flush();
  }
  flush();
  return pieces;
}

/** For state held as values (tests, benchmarks): serialised as a subtask would send it. */
export const serialiseKeyed = (keyed: ReadonlyArray<[number, unknown]>): SerialisedEntry[] =>
  keyed.map(([keyGroup, state]) => serialiseEntry(keyGroup, state));

/** A stored state held as values (tests, benchmarks), serialised as subtasks would send it. */
export const serialiseStored = (state: StoredOperatorState): StoredOperatorState<Uint8Array[]> => ({
  ...state,
  keyed: serialiseKeyed(state.keyed),
});

/** The JSON text a serialised state's pieces hold (tests). */
export const textOf = (pieces: readonly Uint8Array[]): string =>
  Buffer.concat(pieces).toString('utf8');
