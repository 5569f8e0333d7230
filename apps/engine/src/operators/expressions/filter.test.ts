import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { Expression } from './expression.js';
import { FilterOperator } from './filter.js';

describe('FilterOperator', () => {
  it('passes records the expression accepts, unchanged', () => {
    const h = new OperatorHarness(new FilterOperator(new Expression('record.n % 2 == 0')));
    for (const n of [0, 1, 2, 3]) h.operator.processElement({ n });
    expect(h.emitted).toEqual([{ n: 0 }, { n: 2 }]);
  });

  it('dead-letters records whose result is not a bool or whose evaluation throws', () => {
    const h = new OperatorHarness(new FilterOperator(new Expression('record.flag')));
    h.operator.processElement({ flag: 'yes' });
    h.operator.processElement({});
    h.operator.processElement({ flag: true });
    expect(h.emitted).toEqual([{ flag: true }]);
    expect(h.deadLetters.map((d) => d.reason)).toEqual([
      'filter expression returned string, not a bool',
      expect.stringMatching(/^filter expression failed: .*flag/),
    ]);
  });
});
