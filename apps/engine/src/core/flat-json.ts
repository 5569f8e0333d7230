/**
 * A faster JSON.parse for the text one record usually is: an object whose fields hold
 * strings, numbers, booleans and null. On the 2-core development machine V8's JSON.parse
 * takes ~500 ns for a 50-byte click line, much of it in making and interning key strings;
 * a stream's records have the same keys in the same order, so this reader keeps the key it
 * met at each field position and reuses it (~380 ns for the same lines: 2,000 of them read
 * over and over, so both stay in cache).
 *
 * It only ever gives what JSON.parse would give: anything outside that shape (nesting, a
 * `__proto__` key, a control character, invalid text) makes it answer `undefined`, and the
 * caller parses with JSON.parse, which also words the error. Its strings are slices of the
 * text, so they keep that text alive: fine for one record's text, not for a batch's.
 */
export class FlatJsonReader {
  /** The key last met at each field position of an object. */
  private readonly keys: string[] = [];
  private text = '';
  private at = 0;
  /** Whether the string read last had escapes. */
  private escaped = false;

  /** `text` parsed, when it is one flat object (whitespace around it allowed). */
  object(text: string): Record<string, unknown> | undefined {
    this.text = text;
    this.at = 0;
    this.skipSpace();
    if (this.text.charCodeAt(this.at) !== OPEN_BRACE) return undefined;
    const value = this.readObject();
    return value !== undefined && this.atEnd() ? value : undefined;
  }

  private atEnd(): boolean {
    this.skipSpace();
    return this.at === this.text.length;
  }

  /** An object of scalars, from its `{`; `undefined` where it is anything else. */
  private readObject(): Record<string, unknown> | undefined {
    const text = this.text;
    this.at++;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at++;
      return out;
    }
    for (let field = 0; ; field++) {
      if (text.charCodeAt(this.at) !== QUOTE) return undefined;
      const key = this.readKey(field);
      if (key === undefined || key === '__proto__') return undefined;
      this.skipSpace();
      if (text.charCodeAt(this.at++) !== COLON) return undefined;
      this.skipSpace();
      const value = this.readScalar();
      if (value === undefined) return undefined;
      out[key] = value;
      this.skipSpace();
      const c = text.charCodeAt(this.at++);
      if (c === CLOSE_BRACE) return out;
      if (c !== COMMA) return undefined;
      this.skipSpace();
    }
  }

  /** The key at a field position: the one met there before when the text repeats it. */
  private readKey(field: number): string | undefined {
    const known = this.keys[field];
    const start = this.at + 1;
    if (
      known !== undefined &&
      this.text.startsWith(known, start) &&
      this.text.charCodeAt(start + known.length) === QUOTE
    ) {
      this.at = start + known.length + 1;
      return known;
    }
    const key = this.readString();
    // A key written with escapes may hold a quote: matched as plain text it would end early.
    if (key !== undefined && !this.escaped) this.keys[field] = key;
    return key;
  }

  /** A string, number, boolean or null; `undefined` for anything else. */
  private readScalar(): unknown {
    const text = this.text;
    const c = text.charCodeAt(this.at);
    if (c === QUOTE) return this.readString();
    if (c === MINUS || isDigit(c)) return this.readNumber();
    for (const [word, value] of WORDS)
      if (text.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    return undefined;
  }

  /** A string from its opening quote. Escapes are rare: JSON.parse decodes a string with any. */
  private readString(): string | undefined {
    const text = this.text;
    const start = this.at;
    this.escaped = false;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.at = i + 1;
        return this.escaped ? unescaped(text.slice(start, i + 1)) : text.slice(start + 1, i);
      }
      if (c < SPACE) return undefined;
      if (c === BACKSLASH) {
        // JSON.parse checks the escape itself; this only has to find the closing quote.
        this.escaped = true;
        i++;
      }
    }
    return undefined;
  }

  /** A number in JSON's grammar; converted as JSON.parse converts it. */
  private readNumber(): number | undefined {
    const text = this.text;
    const start = this.at;
    let i = start;
    const negative = text.charCodeAt(i) === MINUS;
    if (negative) i++;
    const digits = i;
    if (text.charCodeAt(i) === ZERO) i++;
    else if (isDigit(text.charCodeAt(i))) i = digitsFrom(text, i);
    else return undefined;
    const integerEnd = i;
    if (text.charCodeAt(i) === DOT) {
      if (!isDigit(text.charCodeAt(i + 1))) return undefined;
      i = digitsFrom(text, i + 1);
    }
    const e = text.charCodeAt(i);
    if (e === LOWER_E || e === UPPER_E) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === PLUS || sign === MINUS) i++;
      if (!isDigit(text.charCodeAt(i))) return undefined;
      i = digitsFrom(text, i);
    }
    this.at = i;
    // An integer of up to 15 digits (a millisecond timestamp has 13) is below 2^53, as is
    // every step of summing its digits: exact, and no string to make and convert.
    if (i === integerEnd && i - digits <= 15) {
      let n = 0;
      for (let d = digits; d < i; d++) n = n * 10 + (text.charCodeAt(d) - ZERO);
      return negative ? -n : n;
    }
    return Number(text.slice(start, i));
  }

  private skipSpace(): void {
    const text = this.text;
    let c = text.charCodeAt(this.at);
    while (c === SPACE || c === TAB || c === NEWLINE || c === RETURN)
      c = text.charCodeAt(++this.at);
  }
}

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** A quoted string with escapes, decoded by JSON.parse; `undefined` if an escape is invalid. */
function unescaped(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

function digitsFrom(text: string, from: number): number {
  let i = from;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

const WORDS: ReadonlyArray<[string, boolean | null]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const [TAB, NEWLINE, RETURN, SPACE, QUOTE, PLUS, COMMA, MINUS, DOT, ZERO, NINE, COLON] = [
  9, 10, 13, 32, 34, 43, 44, 45, 46, 48, 57, 58,
];
const [UPPER_E, BACKSLASH, LOWER_E, OPEN_BRACE, CLOSE_BRACE] = [69, 92, 101, 123, 125];
