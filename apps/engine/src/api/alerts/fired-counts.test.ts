import { describe, expect, it } from 'vitest';
import { firedCounts } from './fired-counts.js';

describe('firedCounts', () => {
  it('counts firings per rule per bucket and ignores those outside the range', () => {
    const at = (ms: number) => new Date(ms);
    const counts = firedCounts(
      [
        { ruleId: 1, firedAt: at(0) },
        { ruleId: 1, firedAt: at(999) },
        { ruleId: 1, firedAt: at(2500) },
        { ruleId: 2, firedAt: at(1000) },
        { ruleId: 2, firedAt: at(3000) },
        { ruleId: 3, firedAt: at(-1) },
      ],
      { from: 0, bucketMs: 1000, buckets: 3 },
    );
    expect(Object.fromEntries(counts)).toEqual({ 1: [2, 0, 1], 2: [0, 1, 0] });
  });
});
