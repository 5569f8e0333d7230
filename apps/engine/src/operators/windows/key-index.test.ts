import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex, packKey } from './key-index.js';

/** Keys that pack (short, one byte a character) and keys that do not, sharing prefixes. */
const key = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 9 }),
  fc.constantFrom('', '\u0000', 'a\u0000', 'a', 'u1', 'u10', 'u100000', 'u1000000', '\u00ff\u0100'),
  fc.integer({ min: 0, max: 3000 }).map((n) => `u${n}`),
);

describe('KeyIndex', () => {
  it('gives each key the index it was first given, as a Map would', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 3000 }), (keys) => {
        const stored: string[] = [];
        const index = new KeyIndex((i) => stored[i] as string);
        const reference = new Map<string, number>();
        for (const k of keys) {
          const expected = reference.get(k) ?? reference.size;
          const found = index.findOrInsert(k, stored.length);
          expect(found).toBe(expected);
          if (!reference.has(k)) {
            reference.set(k, expected);
            stored.push(k);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart keys that differ only past a packed length or by a zero character', () => {
    const stored: string[] = [];
    const index = new KeyIndex((i) => stored[i] as string);
    const keys = ['abcdefg', 'abcdefgh', 'abcdefgi', 'a', 'a\u0000', '', '\u0000', 'é', 'ĕ'];
    for (const k of keys) {
      expect(index.findOrInsert(k, stored.length)).toBe(stored.length);
      stored.push(k);
    }
    for (const [i, k] of keys.entries()) expect(index.findOrInsert(k, stored.length)).toBe(i);
  });

  it('packs two keys to the same ints exactly when they are equal', () => {
    const pack = (k: string) => {
      const out = new Int32Array(2);
      return packKey(k, out) ? `${out[0]},${out[1]}` : null;
    };
    fc.assert(
      fc.property(key, key, (a, b) => {
        const [pa, pb] = [pack(a), pack(b)];
        if (pa !== null && pb !== null) expect(pa === pb).toBe(a === b);
      }),
      { numRuns: 5000 },
    );
    expect(pack('a')).not.toBe(pack('a\u0000'));
    expect(pack('abcdefgh')).toBeNull();
    expect(pack('\u0100')).toBeNull();
  });
});
