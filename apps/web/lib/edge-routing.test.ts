import { describe, expect, it } from 'vitest';
import { edgeRouting } from './edge-routing';

describe('edgeRouting', () => {
  it("names Weir's partitioning first, even where Flink names its ship strategy too", () => {
    expect(edgeRouting({ partitioning: 'hash' })).toBe('hash');
    expect(edgeRouting({ partitioning: 'rebalance', shipStrategy: 'RESCALE' })).toBe('rebalance');
  });

  it("falls back to the cluster's own name where Weir has none", () => {
    expect(edgeRouting({ partitioning: null, shipStrategy: 'GLOBAL' })).toBe('GLOBAL');
    expect(edgeRouting({ partitioning: null })).toBe('unknown');
  });
});
