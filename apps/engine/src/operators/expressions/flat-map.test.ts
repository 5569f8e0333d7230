import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { Expression } from './expression.js';
import { FlatMapOperator } from './flat-map.js';

describe('FlatMapOperator', () => {
  it('emits each element of the computed list', () => {
    const h = new OperatorHarness(
      new FlatMapOperator(new Expression('record.tags.map(t, {"user": record.user, "tag": t})')),
    );
    h.operator.processElement({ user: 'a', tags: ['x', 'y'] });
    h.operator.processElement({ user: 'b', tags: [] });
    expect(h.emitted).toEqual([
      { user: 'a', tag: 'x' },
      { user: 'a', tag: 'y' },
    ]);
  });

  it('dead-letters a result that is not a list', () => {
    const h = new OperatorHarness(new FlatMapOperator(new Expression('record.tags')));
    h.operator.processElement({ tags: 'x' });
    expect(h.emitted).toEqual([]);
    expect(h.deadLetters[0]?.reason).toBe('flat-map expression returned string, not a list');
  });
});
