import type { FlameFrame, FlameNode, FlameTree } from '@weir/contract';
import type { CpuProfile } from './cpu-profile.js';

/**
 * Below this share of all samples a call stack is left out of the tree (its samples still
 * count in its parent's total): a minute-long profile has thousands of one-sample stacks that
 * no one can see in a flame graph, and the browser gets a tree a fraction of the size.
 */
const SMALLEST_SHARE = 1e-4;

interface Building {
  frame: number;
  self: number;
  total: number;
  children: Map<number, Building>;
}

type ProfileNode = CpuProfile['nodes'][number];

/**
 * Turns V8's `.cpuprofile` into a flame graph's tree: V8 keeps a node per call site (column,
 * inlining), this merges the children of each stack that name the same frame (function, file
 * and line), so a function called in a loop from three places in one caller is one box. Self
 * counts come from the samples themselves (V8's `hitCount`s can miss the last few), so the
 * root's total is exactly the number of samples.
 */
export function flameTree(profile: CpuProfile): FlameTree {
  const frames: FlameFrame[] = [];
  const frameIndex = new Map<string, number>();
  const frameOf = ({ callFrame }: ProfileNode): number => {
    const frame: FlameFrame = {
      functionName: callFrame.functionName || (callFrame.url ? '(anonymous)' : '(unknown)'),
      url: callFrame.url,
      line: callFrame.lineNumber >= 0 ? callFrame.lineNumber + 1 : 0,
    };
    const key = `${frame.functionName}\u0000${frame.url}\u0000${frame.line}`;
    let index = frameIndex.get(key);
    if (index === undefined) {
      index = frames.push(frame) - 1;
      frameIndex.set(key, index);
    }
    return index;
  };

  const samples = profile.samples ?? [];
  const hits = new Map<number, number>();
  for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const v8Root = profile.nodes.find((n) => !children.has(n.id));
  const root: Building = { frame: -1, self: 0, total: 0, children: new Map() };
  if (v8Root) {
    root.frame = frameOf(v8Root);
    root.self = hits.get(v8Root.id) ?? 0;
    // Depth-first without recursion: JavaScript stacks can be deeper than ours may grow.
    const stack: Array<[ProfileNode, Building]> = [[v8Root, root]];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [node, into] = next;
      for (const childId of node.children ?? []) {
        const child = byId.get(childId);
        if (!child) continue;
        const frame = frameOf(child);
        let merged = into.children.get(frame);
        if (!merged) {
          merged = { frame, self: 0, total: 0, children: new Map() };
          into.children.set(frame, merged);
        }
        merged.self += hits.get(child.id) ?? 0;
        stack.push([child, merged]);
      }
    }
  }
  sumTotals(root);
  const nodes =
    root.frame === -1 ? [] : flatten(root, Math.max(1, samples.length * SMALLEST_SHARE));
  const duration = profile.endTime - profile.startTime;
  return {
    ...keptFrames(frames, nodes),
    sampleIntervalUs: samples.length > 0 ? duration / samples.length : 0,
  };
}

/** Only the frames some kept node names, renumbered in the order nodes first name them. */
function keptFrames(frames: FlameFrame[], nodes: FlameNode[]) {
  const kept: FlameFrame[] = [];
  const renumbered = new Map<number, number>();
  for (const node of nodes) {
    let index = renumbered.get(node.frame);
    if (index === undefined) {
      index = kept.push(frames[node.frame] as FlameFrame) - 1;
      renumbered.set(node.frame, index);
    }
    node.frame = index;
  }
  return { frames: kept, nodes };
}

/** Post-order, again without recursion. */
function sumTotals(root: Building): void {
  const order: Building[] = [];
  const stack = [root];
  for (let next = stack.pop(); next; next = stack.pop()) {
    order.push(next);
    stack.push(...next.children.values());
  }
  for (const node of order.reverse()) {
    node.total = node.self;
    for (const child of node.children.values()) node.total += child.total;
  }
}

/** Parents before children, siblings heaviest first; stacks under `smallest` samples left out. */
function flatten(root: Building, smallest: number): FlameNode[] {
  const nodes: FlameNode[] = [];
  const stack: Array<[Building, number]> = [[root, -1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, parent] = next;
    const index = nodes.push({ frame: node.frame, parent, self: node.self, total: node.total }) - 1;
    const kept = [...node.children.values()]
      .filter((c) => c.total >= smallest)
      .sort((a, b) => a.total - b.total);
    // Lightest pushed first, so the heaviest is taken (and numbered) first.
    for (const child of kept) stack.push([child, index]);
  }
  return nodes;
}
