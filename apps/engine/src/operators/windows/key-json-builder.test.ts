import { describe, expect, it } from 'vitest';
import { KeyJsonBuilder } from './key-json-builder.js';

const keysOf = (...pieces: Uint8Array[]) =>
  JSON.parse(`[${Buffer.concat(pieces).toString('utf8')}]`);

describe('KeyJsonBuilder', () => {
  it('writes what JSON.stringify writes, for keys that need escaping too', () => {
    const keys = [
      'plain',
      '',
      'quote"',
      'back\\slash',
      'tab\t',
      'ü',
      '日本',
      '\u{1F600}',
      '\ud800',
    ];
    const builder = new KeyJsonBuilder();
    for (const key of keys) builder.add(key);
    const taken = builder.take();
    expect(Buffer.from(taken).toString('utf8')).toBe(JSON.stringify(keys).slice(1, -1));
    expect(keysOf(taken)).toEqual(keys);
  });

  it('hands out what was added since the last take, the pieces joining to the whole', () => {
    const builder = new KeyJsonBuilder();
    builder.add('a');
    const first = builder.take();
    expect(builder.pending).toBe(false);
    const many = Array.from({ length: 5000 }, (_, i) => `key-${i}`);
    for (const key of many) builder.add(key);
    expect(builder.pending).toBe(true);
    expect(keysOf(first, builder.take())).toEqual(['a', ...many]);
  });
});
