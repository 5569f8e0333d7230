import { describe, expect, it } from 'vitest';
import { RawJson } from '../core/raw-json.js';
import { serialiseEntry, textOf } from './serialised-state.js';

describe('serialising a key group state', () => {
  it('is one piece of JSON for a plain value', () => {
    const [group, pieces] = serialiseEntry(4, { n: [1, 2] });
    expect(group).toBe(4);
    expect(pieces.map((p) => Buffer.from(p).toString())).toEqual(['{"n":[1,2]}']);
  });

  it("keeps an operator's byte arrays as they are and a long text part apart", () => {
    const keys = Buffer.from('"a","b"');
    const column = 'A'.repeat(5000);
    const raw = new RawJson(['{"key":[', keys, '],"count":"', column, '"}']);
    const [, pieces] = serialiseEntry(0, raw);
    expect(pieces.map((p) => p.byteLength)).toEqual([8, keys.byteLength, 11, 5000, 2]);
    expect(pieces[1]).toBe(keys);
    expect(JSON.parse(textOf(pieces))).toEqual({ key: ['a', 'b'], count: column });
  });
});
