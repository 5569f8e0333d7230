import type { FlameTree } from '@weir/contract';

/** One box of the flame graph: a node of the tree, where it is drawn, as shares of the width. */
export interface FlameBox {
  node: number;
  depth: number;
  /** Left edge and width, 0..1 of the graph's width. */
  x: number;
  width: number;
  /** Above the node zoomed into: drawn full width, a click zooms back out to it. */
  ancestor: boolean;
}

/** Boxes narrower than this share are not drawn (nor is anything below them). */
export const NARROWEST = 0.002;

/** The children of every node, in the tree's order (heaviest first). */
export function childrenOf(tree: FlameTree): number[][] {
  const children = tree.nodes.map(() => [] as number[]);
  tree.nodes.forEach((node, i) => {
    if (node.parent >= 0) children[node.parent]?.push(i);
  });
  return children;
}

/** The nodes of V8's `(idle)` entry: samples taken while the thread waited for work. */
export function idleNodes(tree: FlameTree): Set<number> {
  const idle = new Set<number>();
  tree.nodes.forEach((node, i) => {
    const frame = tree.frames[node.frame];
    if (frame?.functionName === '(idle)' && frame.url === '') idle.add(i);
  });
  return idle;
}

export interface FlameLayoutOptions {
  children?: number[][];
  /** Nodes left out, their samples taken off their ancestors' widths too (idle time). */
  hidden?: Set<number>;
}

/**
 * Lays the tree out as an icicle from the root down, zoomed into `focus`: its ancestors span
 * the whole width above it, it spans the whole width, and every descendant gets the share of
 * it that its samples are. Children start at their parent's left edge; the gap at the right
 * is the parent's own time.
 */
export function layoutFlame(tree: FlameTree, focus: number, options: FlameLayoutOptions = {}) {
  const children = options.children ?? childrenOf(tree);
  const hidden = options.hidden ?? new Set<number>();
  const weight = tree.nodes.map((n) => n.total);
  for (const node of hidden) {
    const samples = tree.nodes[node]?.total ?? 0;
    for (let n = node; n >= 0; n = tree.nodes[n]?.parent ?? -1)
      weight[n] = (weight[n] ?? 0) - samples;
  }
  const boxes: FlameBox[] = [];
  const ancestors: number[] = [];
  for (let n = tree.nodes[focus]?.parent ?? -1; n >= 0; n = tree.nodes[n]?.parent ?? -1)
    ancestors.unshift(n);
  ancestors.forEach((node, depth) => {
    boxes.push({ node, depth, x: 0, width: 1, ancestor: true });
  });
  const whole = weight[focus] ?? 0;
  if (whole <= 0) return boxes;
  const stack: FlameBox[] = [
    { node: focus, depth: ancestors.length, x: 0, width: 1, ancestor: false },
  ];
  for (let box = stack.pop(); box; box = stack.pop()) {
    boxes.push(box);
    let x = box.x;
    for (const child of children[box.node] ?? []) {
      const width = (weight[child] ?? 0) / whole;
      if (width >= NARROWEST && !hidden.has(child))
        stack.push({ node: child, depth: box.depth + 1, x, width, ancestor: false });
      x += width;
    }
  }
  return boxes;
}

/** What a box's colour says: whose code the frame is. */
export type FrameKind = 'engine' | 'library' | 'node' | 'v8';

export function frameKind(url: string): FrameKind {
  if (url === '') return 'v8';
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/node_modules/')) return 'library';
  return 'engine';
}
