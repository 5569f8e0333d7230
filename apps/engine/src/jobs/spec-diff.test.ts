import { sampleJobSpec } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { describeDiff, diffSpecs } from './spec-diff.js';

const v1 = () => sampleJobSpec({ ratePerSecond: 100, seed: 1, checkpointIntervalMs: 1000 });

describe('diffSpecs', () => {
  it('finds nothing between a spec and itself', () => {
    expect(diffSpecs(v1(), v1())).toEqual({ added: [], removed: [], changed: [], settings: [] });
  });

  it('names operators added, removed and changed by uid, with the changed fields', () => {
    const from = v1();
    const to = {
      ...from,
      operators: from.operators
        .filter((op) => op.uid !== 'recent')
        .map((op) =>
          op.kind === 'tumbling-count' ? { ...op, config: { ...op.config, sizeMs: 20_000 } } : op,
        )
        .concat([{ uid: 'audit', kind: 'blackhole', config: {} }]),
      edges: [
        ...from.edges.filter((e) => e.to !== 'recent'),
        { from: 'count-per-user', to: 'audit', partitioning: 'forward' as const },
      ],
    };
    expect(diffSpecs(from, to)).toEqual({
      added: [{ uid: 'audit', kind: 'blackhole' }],
      removed: [{ uid: 'recent', kind: 'recent-results' }],
      changed: [{ uid: 'count-per-user', kind: 'tumbling-count', fields: ['config.sizeMs'] }],
      settings: ['edges'],
    });
    expect(describeDiff(diffSpecs(from, to))).toBe(
      'added audit; removed recent; changed count-per-user (config.sizeMs); settings: edges',
    );
    expect(describeDiff(diffSpecs(from, from))).toBe('no changes');
  });

  it('names job-level settings by their path', () => {
    const from = v1();
    const to = {
      ...from,
      parallelism: 1,
      checkpointing: { ...from.checkpointing, intervalMs: 5000 },
    };
    expect(diffSpecs(from, to).settings).toEqual(['checkpointing.intervalMs', 'parallelism']);
  });
});
