import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { Expression } from './expression.js';
import { MapOperator } from './map.js';

describe('MapOperator', () => {
  it('emits the computed value and dead-letters records whose evaluation throws', () => {
    const h = new OperatorHarness(
      new MapOperator(new Expression('{"user": record.user, "next": record.ts + 1}')),
    );
    h.operator.processElement({ user: 'a', ts: 1 });
    h.operator.processElement({ user: 'b' });
    h.operator.processElement({ user: 'c', ts: 2 });
    expect(h.emitted).toEqual([
      { user: 'a', next: 2 },
      { user: 'c', next: 3 },
    ]);
    expect(h.deadLetters).toHaveLength(1);
    expect(h.deadLetters[0]?.reason).toMatch(/^map expression failed: .*ts/);
  });
});
