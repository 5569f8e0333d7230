/**
 * A state value an operator serialised itself, as JSON text. The runtime splices the text
 * into what it writes instead of stringifying the value, so an operator with a cheaper
 * encoding than `JSON.stringify` of its values (cached parts, typed arrays as base64) pays
 * only for that. `toJSON` keeps any plain `JSON.stringify` of a state holding one correct.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The value itself: parsed if it arrived as `RawJson` (restoring in-process, in tests). */
export const parsedValue = (value: unknown): unknown =>
  value instanceof RawJson ? JSON.parse(value.text) : value;
