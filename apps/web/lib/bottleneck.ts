/**
 * Flink's reading of the two ratios: a vertex waiting on its outputs half the time or more is
 * backpressured (the cause is downstream); one busy 80 % or more has no time to spare.
 */
export const BACKPRESSURED_AT = 0.5;
export const BUSY_AT = 0.8;

interface LoadedVertex {
  id: string;
  name: string;
  metrics: { busyRatio: number; backpressuredRatio: number };
}

export interface Bottleneck {
  vertexId: string;
  /** The backpressured vertices upstream of it, nearest first: the ones it holds back. */
  heldBack: string[];
  /** Why this vertex was picked, in words, for a tooltip. */
  reason: string;
}

const isBackpressured = (v: LoadedVertex) => v.metrics.backpressuredRatio >= BACKPRESSURED_AT;
const isBusy = (v: LoadedVertex) => v.metrics.busyRatio >= BUSY_AT;

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/**
 * The likely bottleneck, by Flink's rule of thumb: backpressure spreads upstream from the
 * vertex that cannot keep up, so below a chain of backpressured vertices the first one that is
 * busy but not backpressured itself is the cause. When several qualify, the one holding back
 * the longest chain wins (then the busier). Null when nothing is backpressured: a busy vertex
 * that slows no one is working hard, not a bottleneck.
 */
export function findBottleneck(
  vertices: readonly LoadedVertex[],
  edges: readonly { source: string; target: string }[],
): Bottleneck | null {
  const byId = new Map(vertices.map((v) => [v.id, v]));
  const inputs = new Map<string, LoadedVertex[]>();
  for (const e of edges) {
    const source = byId.get(e.source);
    if (source) inputs.set(e.target, [...(inputs.get(e.target) ?? []), source]);
  }
  const inputsOf = (id: string) => inputs.get(id) ?? [];

  /** Backpressured vertices reachable upstream through backpressured vertices only. */
  const heldBackBy = (id: string): string[] => {
    const found: string[] = [];
    const seen = new Set<string>([id]);
    let frontier = [id];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const current of frontier) {
        for (const input of inputsOf(current)) {
          if (seen.has(input.id) || !isBackpressured(input)) continue;
          seen.add(input.id);
          found.push(input.id);
          next.push(input.id);
        }
      }
      frontier = next;
    }
    return found;
  };

  let best: { vertex: LoadedVertex; heldBack: string[] } | null = null;
  for (const vertex of vertices) {
    if (isBackpressured(vertex) || !isBusy(vertex)) continue;
    const heldBack = heldBackBy(vertex.id);
    if (heldBack.length === 0) continue;
    const better =
      best === null ||
      heldBack.length > best.heldBack.length ||
      (heldBack.length === best.heldBack.length &&
        vertex.metrics.busyRatio > best.vertex.metrics.busyRatio);
    if (better) best = { vertex, heldBack };
  }
  if (!best) return null;
  const names = best.heldBack.map((id) => byId.get(id)?.name ?? id);
  return {
    vertexId: best.vertex.id,
    heldBack: best.heldBack,
    reason:
      `Busy ${percent(best.vertex.metrics.busyRatio)} and not backpressured, ` +
      `while upstream ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} backpressured ` +
      'waiting for it.',
  };
}
