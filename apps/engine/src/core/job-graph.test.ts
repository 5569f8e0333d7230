import { JobSpecSchema, sampleJobSpec } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { planJobGraph } from './job-graph.js';

describe('planJobGraph', () => {
  it('chains forward single-input/single-output edges and keeps shuffles as vertex edges', () => {
    const plan = planJobGraph(
      sampleJobSpec({ ratePerSecond: 10, seed: 1, checkpointIntervalMs: 1000 }),
    );
    expect(plan.vertices.map((v) => [v.id, v.operators.map((o) => o.uid)])).toEqual([
      ['clicks', ['clicks', 'parse']],
      ['count-per-user', ['count-per-user']],
      ['discard', ['discard']],
      ['recent', ['recent']],
    ]);
    expect(
      plan.edges.map((e) => [e.source, e.target, e.partitioning, e.keyField, e.targetInput]),
    ).toEqual([
      ['clicks', 'count-per-user', 'hash', 'user', 0],
      ['count-per-user', 'discard', 'forward', undefined, 0],
      ['count-per-user', 'recent', 'forward', undefined, 0],
    ]);
  });

  it('rejects a cycle naming the operators in it', () => {
    const spec = JobSpecSchema.parse({
      id: 'cyclic',
      name: 'cyclic',
      checkpointing: { intervalMs: 1000 },
      operators: [
        { uid: 'a', kind: 'blackhole' },
        { uid: 'b', kind: 'blackhole' },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
    });
    expect(() => planJobGraph(spec)).toThrow('cycle through: a, b');
  });

  it('names the field of a bad spec', () => {
    const result = JobSpecSchema.safeParse({
      id: 'x',
      name: 'x',
      checkpointing: { intervalMs: 1000 },
      operators: [{ uid: 'a', kind: 'blackhole' }],
      edges: [{ from: 'a', to: 'missing' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['edges', 0, 'to']);
  });
});
