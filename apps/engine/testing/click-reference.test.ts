import { describe, expect, it } from 'vitest';
import { differenceFrom, NO_DIFFERENCE } from './click-reference.js';

const result = (key: string, windowStart: number, count: number) => ({
  key,
  windowStart,
  windowEnd: windowStart + 10,
  count,
});

describe('differenceFrom', () => {
  const reference = new Map([
    ['a@0', 2],
    ['b@0', 1],
  ]);

  it('finds no difference when every result appears exactly once', () => {
    expect(differenceFrom(reference, [result('b', 0, 1), result('a', 0, 2)])).toEqual(
      NO_DIFFERENCE,
    );
  });

  it('counts every repeat of a result, never folding it away', () => {
    const output = [result('a', 0, 2), result('a', 0, 2), result('a', 0, 2), result('b', 0, 1)];
    expect(differenceFrom(reference, output)).toEqual({
      lost: [],
      duplicated: ['a@0=2', 'a@0=2'],
      unexpected: [],
    });
  });

  it('names lost results and results with a wrong count', () => {
    expect(differenceFrom(reference, [result('a', 0, 3)])).toEqual({
      lost: ['a@0=2', 'b@0=1'],
      duplicated: [],
      unexpected: ['a@0=3'],
    });
  });
});
