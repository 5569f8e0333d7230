import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { UnionOperator } from './union.js';

describe('UnionOperator', () => {
  it('passes the records of every input through unchanged', () => {
    const h = new OperatorHarness(new UnionOperator());
    h.operator.processElement({ from: 'left' });
    h.operator.processElement({ from: 'right' });
    expect(h.emitted).toEqual([{ from: 'left' }, { from: 'right' }]);
  });
});
