import { describe, expect, it } from 'vitest';
import { compileExpression, Expression } from './expression.js';
import { toPlain } from './to-plain.js';

const record = { user: 'u3', ts: 1_700_000_000_123, amount: 2.5, tags: ['a', 'b'] };

describe('Expression', () => {
  it('evaluates CEL over `record`, with mixed int/double arithmetic', () => {
    expect(new Expression('record.ts + 1').evaluate(record)).toBe(1_700_000_000_124);
    expect(new Expression('record.amount * 2').evaluate(record)).toBe(5);
    expect(new Expression('10 - record.amount').evaluate(record)).toBe(7.5);
    expect(new Expression('record.user.startsWith("u") && record.ts > 5').evaluate(record)).toBe(
      true,
    );
  });

  it('returns plain JSON values: ints as numbers, containers converted deeply', () => {
    expect(
      new Expression('{"sec": int(record.ts) / 1000, "n": [size(record.tags)]}').evaluate(record),
    ).toEqual({ sec: 1_700_000_000, n: [2] });
    expect(toPlain(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('throws at evaluation for a missing field, so the operator can dead-letter the record', () => {
    expect(() => new Expression('record.nope').evaluate(record)).toThrow(/nope/);
  });

  it('rejects syntax errors and unknown variables at compile time, naming operator and source', () => {
    expect(() => compileExpression('m1', 'record.ts +')).toThrow(
      /operator "m1": invalid expression "record.ts \+"/,
    );
    expect(() => compileExpression('m1', 'recrod.ts')).toThrow(/Unknown variable: recrod/);
    expect(() => compileExpression('m1', 'nosuch(record)')).toThrow(/nosuch/);
  });
});
