import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { RecentResultsSink } from './recent-results-sink.js';

describe('RecentResultsSink', () => {
  it('returns the newest results first, keeping at most its capacity', () => {
    const h = new OperatorHarness(new RecentResultsSink(3));
    expect(h.operator.recent(5)).toEqual([]);
    for (let i = 1; i <= 2; i++) h.operator.processElement(i);
    expect(h.operator.recent(5)).toEqual([2, 1]);
    for (let i = 3; i <= 7; i++) h.operator.processElement(i);
    expect(h.operator.recent(5)).toEqual([7, 6, 5]);
    expect(h.operator.recent(2)).toEqual([7, 6]);
  });
});
