/**
 * A state value an operator serialised itself, as JSON in parts: text, and byte arrays the
 * operator keeps and hands in again, unchanged, in later snapshots. The runtime splices the
 * parts into what it writes instead of stringifying the value, so an operator with a cheaper
 * encoding than `JSON.stringify` of its values (cached parts, typed arrays as base64) pays only
 * for that; a kept byte array crosses to the job master and into storage once, and later
 * snapshots refer to it (see `StateSerialiser`). `toJSON` keeps any plain `JSON.stringify` of
 * a state holding one correct.
 */
export class RawJson {
  constructor(readonly parts: ReadonlyArray<string | Uint8Array>) {}

  get text(): string {
    return this.parts
      .map((part) =>
        typeof part === 'string'
          ? part
          : Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8'),
      )
      .join('');
  }

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The value itself: parsed if it arrived as `RawJson` (restoring in-process, in tests). */
export const parsedValue = (value: unknown): unknown =>
  value instanceof RawJson ? JSON.parse(value.text) : value;
