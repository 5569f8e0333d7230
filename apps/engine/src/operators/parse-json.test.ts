import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { ParseJson } from './parse-json.js';

describe('ParseJson', () => {
  it('emits objects holding every required field and dead-letters the rest, naming why', () => {
    const h = new OperatorHarness(new ParseJson(['user', 'toString']));
    const lines = [
      '{"user":"u1","toString":1}',
      '{"user":"u2"}', // toString only on the prototype: missing all the same
      '{"toString":2}',
      '{"user":"u3","toString":3',
      '[1]',
    ];
    for (const line of lines) h.operator.processElement(line);
    expect(h.emitted).toEqual([{ user: 'u1', toString: 1 }]);
    expect(h.deadLetters.map((d) => [d.record, d.reason.split(':')[0]])).toEqual([
      [lines[1], 'missing field "toString"'],
      [lines[2], 'missing field "user"'],
      [lines[3], 'malformed JSON'],
      [lines[4], 'not a JSON object'],
    ]);
  });
});
