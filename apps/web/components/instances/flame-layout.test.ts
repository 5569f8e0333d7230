import type { FlameTree } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { frameKind, idleNodes, layoutFlame } from './flame-layout';

const frame = (functionName: string) => ({ functionName, url: 'file:///x.js', line: 1 });

/** root(10) -> a(6) -> c(4); root -> b(3); root -> tiny(0.001 of it) */
const TREE: FlameTree = {
  frames: ['(root)', 'a', 'b', 'c', 'tiny'].map(frame),
  nodes: [
    { frame: 0, parent: -1, self: 1, total: 10_000 },
    { frame: 1, parent: 0, self: 2_000, total: 6_000 },
    { frame: 3, parent: 1, self: 4_000, total: 4_000 },
    { frame: 2, parent: 0, self: 3_000, total: 3_000 },
    { frame: 4, parent: 0, self: 10, total: 10 },
  ],
  sampleIntervalUs: 1_000,
};

const shapes = (focus: number, tree = TREE, hidden = new Set<number>()) =>
  layoutFlame(tree, focus, { hidden })
    .map((b) => [
      tree.frames[tree.nodes[b.node]?.frame ?? 0]?.functionName,
      b.depth,
      b.x,
      b.width,
      b.ancestor,
    ])
    .sort((p, q) => Number(p[1]) - Number(q[1]) || Number(p[2]) - Number(q[2]));

describe('layoutFlame', () => {
  it('gives each node its share of the width under its parent, left-aligned', () => {
    expect(shapes(0)).toEqual([
      ['(root)', 0, 0, 1, false],
      ['a', 1, 0, 0.6, false],
      ['b', 1, 0.6, 0.3, false],
      ['c', 2, 0, 0.4, false],
    ]);
  });

  it('zoomed into a node: its ancestors full width above, it full width', () => {
    expect(shapes(1)).toEqual([
      ['(root)', 0, 0, 1, true],
      ['a', 1, 0, 1, false],
      ['c', 2, 0, 4_000 / 6_000, false],
    ]);
  });

  it('leaves idle time out on request, the rest filling the width', () => {
    const idle = {
      ...TREE,
      frames: [...TREE.frames, { functionName: '(idle)', url: '', line: 0 }],
      nodes: [
        { ...TREE.nodes[0], total: 20_000 } as FlameTree['nodes'][number],
        ...TREE.nodes.slice(1),
        { frame: 5, parent: 0, self: 10_000, total: 10_000 },
      ],
    };
    expect(idleNodes(idle)).toEqual(new Set([5]));
    expect(shapes(0, idle, idleNodes(idle))).toEqual(shapes(0));
    expect(shapes(0, idle).map((s) => s[0])).toContain('(idle)');
  });

  it('tells whose code a frame is by its URL', () => {
    expect(frameKind('')).toBe('v8');
    expect(frameKind('node:internal/timers')).toBe('node');
    expect(frameKind('file:///app/node_modules/pino/lib/proto.js')).toBe('library');
    expect(frameKind('file:///app/apps/engine/dist/operators/parse-json.js')).toBe('engine');
  });
});
