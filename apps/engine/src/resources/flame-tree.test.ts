import { describe, expect, it } from 'vitest';
import type { CpuProfile } from './cpu-profile.js';
import { flameTree } from './flame-tree.js';

const frame = (functionName: string, url = 'file:///op.js', lineNumber = 0, columnNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber,
  scriptId: '1',
});

/**
 * (root) -> step -> map (two V8 nodes: two call sites, one line) -> parse
 *                -> (garbage collector)
 */
const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), hitCount: 0, children: [2] },
    { id: 2, callFrame: frame('step', 'file:///slot.js', 9), hitCount: 1, children: [3, 4, 6] },
    { id: 3, callFrame: frame('map', 'file:///op.js', 4, 2), hitCount: 2, children: [5] },
    { id: 4, callFrame: frame('map', 'file:///op.js', 4, 30), hitCount: 3 },
    { id: 5, callFrame: frame('parse', 'file:///op.js', 20), hitCount: 1 },
    { id: 6, callFrame: frame('(garbage collector)', ''), hitCount: 1 },
  ],
  startTime: 0,
  endTime: 9_000,
  // V8's hitCount can lag the samples; the samples are what counts.
  samples: [2, 3, 3, 4, 4, 4, 5, 6, 5],
  timeDeltas: [],
};

describe('flameTree', () => {
  it('merges call sites of one frame and counts self and total from the samples', () => {
    const tree = flameTree(PROFILE);
    const named = tree.nodes.map((n) => ({
      fn: tree.frames[n.frame]?.functionName,
      parent: n.parent === -1 ? null : tree.frames[tree.nodes[n.parent]?.frame ?? 0]?.functionName,
      self: n.self,
      total: n.total,
    }));
    expect(named).toEqual([
      { fn: '(root)', parent: null, self: 0, total: 9 },
      { fn: 'step', parent: '(root)', self: 1, total: 9 },
      { fn: 'map', parent: 'step', self: 5, total: 7 },
      { fn: 'parse', parent: 'map', self: 2, total: 2 },
      { fn: '(garbage collector)', parent: 'step', self: 1, total: 1 },
    ]);
    expect(tree.nodes[0]?.total).toBe(PROFILE.samples?.length);
    expect(tree.frames.find((f) => f.functionName === 'map')).toEqual({
      functionName: 'map',
      url: 'file:///op.js',
      line: 5,
    });
    expect(tree.sampleIntervalUs).toBe(1_000);
  });

  it('leaves out stacks below a ten-thousandth of the samples, their time kept in the parent', () => {
    const many = { ...PROFILE, samples: [...Array(20_000).fill(4), 5] };
    const tree = flameTree(many);
    const names = tree.nodes.map((n) => tree.frames[n.frame]?.functionName);
    expect(names).toEqual(['(root)', 'step', 'map']);
    expect(tree.nodes[0]?.total).toBe(20_001);
    expect(tree.nodes[2]).toMatchObject({ self: 20_000, total: 20_001 });
    // Only the frames the kept nodes name.
    expect(tree.frames).toHaveLength(3);
  });

  it('gives an empty tree for an empty profile', () => {
    expect(flameTree({ nodes: [], startTime: 0, endTime: 0 })).toEqual({
      frames: [],
      nodes: [],
      sampleIntervalUs: 0,
    });
  });
});
