import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlatJsonReader } from './flat-json.js';

/** JSON.parse's answer, or `undefined` where it throws. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const scalar = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  // Integers around 15 digits, where the reader stops summing digits itself.
  fc.maxSafeInteger(),
  fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map(Number),
  fc.boolean(),
  fc.constant(null),
);
/** Keys from a small set, so one reader meets the same keys at the same positions again. */
const key = fc.oneof(
  fc.constantFrom('user', 'ts', 'page', 'a"b', 'x\\y', '\u00e9t\u00e9'),
  fc.string(),
);
const flatObject = fc.dictionary(key, scalar, { maxKeys: 6 });
const indent = fc.constantFrom(undefined, 0, 1, '\t');
/** Edits that break or bend valid JSON where a hand-written reader tends to go wrong. */
const edit = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 3 }),
  insert: fc.constantFrom(
    '',
    '"',
    '\\',
    ',',
    ':',
    '{',
    '}',
    '[',
    ']',
    ' ',
    '-',
    '.',
    'e',
    '0',
    '\u0001',
    'x',
  ),
});

function edited(text: string, { at, cut, insert }: { at: number; cut: number; insert: string }) {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + cut);
}

describe('FlatJsonReader', () => {
  it('reads every flat object exactly as JSON.parse does, keys in the same order', () => {
    const reader = new FlatJsonReader();
    fc.assert(
      fc.property(flatObject, indent, (value, space) => {
        const text = JSON.stringify(value, null, space);
        const read = reader.object(text);
        const leftToJsonParse = Object.keys(value).some(
          (k) => k === '__proto__' || JSON.stringify(k).includes('\\'),
        );
        if (leftToJsonParse) expect(read).toBeUndefined();
        else {
          expect(read).toStrictEqual(JSON.parse(text));
          expect(Object.keys(read as object)).toEqual(Object.keys(JSON.parse(text)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never answers differently from JSON.parse, on edited or nested text', () => {
    const reader = new FlatJsonReader();
    const anyJson = fc.oneof(flatObject, fc.array(flatObject), fc.jsonValue());
    fc.assert(
      fc.property(anyJson, fc.array(edit, { maxLength: 2 }), (value, edits) => {
        const text = edits.reduce(edited, JSON.stringify(value));
        const expected = parsed(text);
        const asObject = reader.object(text);
        if (asObject !== undefined) expect(asObject).toStrictEqual(expected);
      }),
      { numRuns: 10000 },
    );
  });

  it('leaves to JSON.parse what it does not read', () => {
    const reader = new FlatJsonReader();
    for (const text of [
      '{"a":{"b":1}}', // nesting
      '{"__proto__":1}', // would set the prototype
      '{"a":1,}',
      '{"a":01}',
      '{"a":1.}',
      '{"a":"\u0001"}',
      '{"a":"\\x"}',
      '{"a":1} x',
    ])
      expect(reader.object(text), text).toBeUndefined();
    // A key with escapes is left to JSON.parse, and never matched as plain text.
    expect(reader.object('{"a\\"b":1}')).toBeUndefined();
    expect(reader.object('{"a"b":1}')).toBeUndefined();
    // Nor is `__proto__` kept as a known key: a second record with it would lose the field.
    for (let i = 0; i < 3; i++) expect(reader.object('{"__proto__":"x","a":1}')).toBeUndefined();
  });

  it('makes each object with its own keys when the keys at a position change', () => {
    const reader = new FlatJsonReader();
    for (const text of [
      '{"a":1,"b":2}',
      '{"a":1,"c":3}',
      '{"a":1}',
      '{"a":1,"b":2}',
      '{"b":"x"}',
    ]) {
      const read = reader.object(text);
      expect(read).toStrictEqual(JSON.parse(text));
      expect(Object.keys(read as object)).toEqual(Object.keys(JSON.parse(text)));
    }
  });

  it('reads records whose keys vary with the data as JSON.parse does, past the shapes it compiles', () => {
    const reader = new FlatJsonReader();
    for (let i = 0; i < 200; i++) {
      const text = `{"id":${i},"k${i % 90}":"v","z":${i % 3 === 0}}`;
      const read = reader.object(text);
      expect(read).toStrictEqual(JSON.parse(text));
      expect(Object.keys(read as object)).toEqual(Object.keys(JSON.parse(text)));
    }
  });
});
