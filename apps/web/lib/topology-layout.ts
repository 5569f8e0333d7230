import { Graph, layout } from '@dagrejs/dagre';

/** Every vertex card is drawn at this fixed size, so dagre's layout matches what is drawn. */
export const VERTEX_WIDTH = 250;
export const VERTEX_HEIGHT = 140;

export interface Point {
  x: number;
  y: number;
}

/**
 * Left-to-right layered layout of the job graph. Returns top-left positions (React Flow's
 * convention); dagre works with centres.
 */
export function layoutTopology(
  vertexIds: readonly string[],
  edges: readonly { source: string; target: string }[],
): Map<string, Point> {
  const g = new Graph<object, { width: number; height: number; x?: number; y?: number }>();
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 90, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of vertexIds) g.setNode(id, { width: VERTEX_WIDTH, height: VERTEX_HEIGHT });
  for (const e of edges) g.setEdge(e.source, e.target);
  layout(g);

  const positions = new Map<string, Point>();
  for (const id of vertexIds) {
    const node = g.node(id);
    positions.set(id, {
      x: (node?.x ?? 0) - VERTEX_WIDTH / 2,
      y: (node?.y ?? 0) - VERTEX_HEIGHT / 2,
    });
  }
  return positions;
}

/** Changes only when vertices or edges are added or removed, not when metrics move. */
export function topologyShapeKey(
  vertexIds: readonly string[],
  edges: readonly { source: string; target: string }[],
): string {
  return `${vertexIds.join('|')}#${edges.map((e) => `${e.source}>${e.target}`).join('|')}`;
}
