/**
 * A faster JSON.parse for the text one record usually is: an object whose fields hold
 * strings, numbers, booleans and null. V8's JSON.parse spends much of its time on a click
 * line in making and interning key strings; a stream's records have the same keys in the
 * same order, so this reader keeps the key it met at each field position and reuses it.
 * On the 2-core development machine (2,000 click lines read over and over, so both stay in
 * cache; the machine's speed varies twofold within minutes, so in one run): JSON.parse
 * 552-557 ns, this reader 302-303 ns per line.
 *
 * It only ever gives what JSON.parse would give: anything outside that shape (nesting, a
 * `__proto__` key, a key with escapes, a control character, invalid text) makes it answer
 * `undefined`, and the caller parses with JSON.parse, which also words the error. Its strings
 * are slices of the text, so they keep that text alive: fine for one record's text, not for a
 * batch's.
 */
type MakeObject = (values: unknown[]) => Record<string, unknown>;

export class FlatJsonReader {
  /** The key last met at each field position of an object. */
  private readonly keys: string[] = [];
  /** The values of the object being read, by field position. */
  private readonly values: unknown[] = [];
  /**
   * Per field count, a function making the object of `keys` from `values` in one literal:
   * each object then starts with its final shape, where adding the fields one by one took a
   * keyed store each. Dropped whenever a key at some position changes.
   */
  private makers: MakeObject[] = [];
  /**
   * Every maker compiled, by its keys (JSON of the key list): records of a few shapes taking
   * turns compile each once. Past `MAX_SHAPES` shapes the keys are taken to vary with the data,
   * and objects are made field by field rather than compiled (a compile costs tens of µs).
   */
  private readonly compiled = new Map<string, MakeObject>();
  /** Where the last value read by a slow path (`readEscaped`, `readNumber`) ended. */
  private end = 0;

  /**
   * `text` parsed, when it is one flat object (whitespace around it allowed). One loop over a
   * local index: the rare cases (escapes, fractions, negatives, long integers) go to helpers.
   * Reading through a field for the index cost ~30 % more here.
   */
  object(text: string): Record<string, unknown> | undefined {
    let i = skipSpace(text, 0);
    if (text.charCodeAt(i) !== OPEN_BRACE) return undefined;
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === CLOSE_BRACE) return this.atEnd(text, i + 1) ? {} : undefined;
    const { keys, values } = this;
    for (let field = 0; ; field++) {
      if (text.charCodeAt(i) !== QUOTE) return undefined;
      // The key: the one met at this position before when the text repeats it.
      let key = keys[field];
      const keyStart = i + 1;
      if (key !== undefined && repeatsKey(text, keyStart, key)) i = keyStart + key.length + 1;
      else {
        // Keys written with escapes are left to JSON.parse: records hardly have them.
        const close = plainStringEnd(text, keyStart);
        if (close === NOT_PLAIN) return undefined;
        key = text.slice(keyStart, close);
        // Never kept: as a literal's key it would set the prototype.
        if (key === '__proto__') return undefined;
        this.keep(field, key);
        i = close + 1;
      }
      if (text.charCodeAt(i) <= SPACE) i = skipSpace(text, i);
      if (text.charCodeAt(i) !== COLON) return undefined;
      i += 1;
      if (text.charCodeAt(i) <= SPACE) i = skipSpace(text, i);
      const c = text.charCodeAt(i);
      let value: unknown;
      if (c === QUOTE) {
        const close = plainStringEnd(text, i + 1);
        if (close === NOT_PLAIN) {
          value = this.readEscaped(text, i);
          i = this.end;
        } else {
          value = text.slice(i + 1, close);
          i = close + 1;
        }
      } else if (c > ZERO && c <= NINE) {
        // An integer of up to 15 digits (a millisecond timestamp has 13) is below 2^53, as is
        // every step of summing its digits: exact, and no string to make and convert.
        let n = 0;
        let j = i;
        let d = c;
        while (d >= ZERO && d <= NINE) {
          n = n * 10 + (d - ZERO);
          d = text.charCodeAt(++j);
        }
        if (j - i <= 15 && d !== DOT && d !== LOWER_E && d !== UPPER_E) {
          value = n;
          i = j;
        } else {
          value = this.readNumber(text, i);
          i = this.end;
        }
      } else if (c === MINUS || c === ZERO) {
        value = this.readNumber(text, i);
        i = this.end;
      } else {
        value = undefined;
        for (const [word, wordValue] of WORDS)
          if (text.startsWith(word, i)) {
            i += word.length;
            value = wordValue;
            break;
          }
      }
      if (value === undefined) return undefined;
      values[field] = value;
      if (text.charCodeAt(i) <= SPACE) i = skipSpace(text, i);
      const next = text.charCodeAt(i);
      if (next === CLOSE_BRACE) return this.atEnd(text, i + 1) ? this.make(field + 1) : undefined;
      if (next !== COMMA) return undefined;
      i += 1;
      if (text.charCodeAt(i) <= SPACE) i = skipSpace(text, i);
    }
  }

  private keep(field: number, key: string): void {
    this.keys[field] = key;
    this.makers = [];
  }

  /** The object of the first `fields` kept keys and read values. */
  private make(fields: number): Record<string, unknown> {
    const make = this.makers[fields] ?? this.maker(fields);
    if (make !== null) return make(this.values);
    const out: Record<string, unknown> = {};
    for (let f = 0; f < fields; f++) out[this.keys[f] as string] = this.values[f];
    return out;
  }

  /** The compiled maker for the first `fields` keys, or null once the keys vary with the data. */
  private maker(fields: number): MakeObject | null {
    if (this.compiled.size >= MAX_SHAPES) return null;
    const keys = this.keys.slice(0, fields);
    const shape = JSON.stringify(keys);
    let make = this.compiled.get(shape);
    if (make === undefined) {
      make = compileMaker(keys);
      this.compiled.set(shape, make);
    }
    this.makers[fields] = make;
    return make;
  }

  private atEnd(text: string, from: number): boolean {
    return skipSpace(text, from) === text.length;
  }

  /** A string with escapes, from its opening quote, decoded by JSON.parse (which checks them). */
  private readEscaped(text: string, quote: number): string | undefined {
    for (let i = quote + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.end = i + 1;
        return unescaped(text.slice(quote, i + 1));
      }
      if (c < SPACE) return undefined;
      if (c === BACKSLASH) i++;
    }
    return undefined;
  }

  /** A number in JSON's grammar from its first character, converted as JSON.parse converts it. */
  private readNumber(text: string, start: number): number | undefined {
    let i = start;
    if (text.charCodeAt(i) === MINUS) i++;
    if (text.charCodeAt(i) === ZERO) i++;
    else if (isDigit(text.charCodeAt(i))) i = digitsFrom(text, i);
    else return undefined;
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
    this.end = i;
    return Number(text.slice(start, i));
  }
}

const MAX_SHAPES = 64;

/** One object literal with `keys` in order, each from `v` at its position. */
function compileMaker(keys: string[]): MakeObject {
  const entries = keys.map((key, f) => `${JSON.stringify(key)}: v[${f}]`);
  return new Function('v', `return { ${entries.join(', ')} };`) as MakeObject;
}

/**
 * Whether `text` holds `key` and its closing quote from `from`. Compared here a character at
 * a time: a record's keys are short, and `startsWith` (a builtin call) took 16 % of `object`.
 */
function repeatsKey(text: string, from: number, key: string): boolean {
  const length = key.length;
  for (let j = 0; j < length; j++)
    if (text.charCodeAt(from + j) !== key.charCodeAt(j)) return false;
  return text.charCodeAt(from + length) === QUOTE;
}

/** No closing quote, or escapes or control characters before it: the slow path reads it. */
const NOT_PLAIN = -1;

/** The closing quote of a string without escapes, from its first character. */
function plainStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < SPACE) return NOT_PLAIN;
  }
  return NOT_PLAIN;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === SPACE || c === TAB || c === NEWLINE || c === RETURN) c = text.charCodeAt(++i);
  return i;
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
