import type { Edge, Partitioning, SubtaskMetrics, Vertex } from '@weir/contract';
import { MetricsView } from '../../runtime/metrics-view.js';
import type { FlinkJobDetails, FlinkJobVertex, FlinkPlanNode } from './flink-schemas.js';
import { subtaskMetrics } from './subtask-metrics.js';

/**
 * Flink's ship strategies in Weir's words, where Weir routes records the same way. RESCALE
 * round-robins to a subset of the receivers and SHUFFLE picks one at random: both spread
 * unkeyed records like REBALANCE. GLOBAL (all to subtask 0) and CUSTOM (a user partitioner) have
 * no Weir equivalent.
 */
const PARTITIONING: Record<string, Partitioning> = {
  FORWARD: 'forward',
  HASH: 'hash',
  REBALANCE: 'rebalance',
  RESCALE: 'rebalance',
  SHUFFLE: 'rebalance',
  BROADCAST: 'broadcast',
};

export function partitioning(shipStrategy: string): Partitioning | null {
  return PARTITIONING[shipStrategy.toUpperCase()] ?? null;
}

/**
 * The edges of a plan, a running job's or a jar's before it runs: each node's inputs, source to
 * target.
 */
export function planEdges(nodes: readonly FlinkPlanNode[]): Edge[] {
  return nodes.flatMap((node) =>
    (node.inputs ?? []).map((input) => ({
      source: input.id,
      target: node.id,
      partitioning: partitioning(input.ship_strategy),
      shipStrategy: input.ship_strategy,
    })),
  );
}

/**
 * The operators chained into a vertex, from its name: Flink joins them with " -> " and prefixes
 * sources with "Source: " ("Source: clicks -> parse -> event-time").
 */
export function chainedOperators(vertexName: string): string[] {
  return vertexName
    .split(' -> ')
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * Each vertex's role, from the edges: a vertex nothing feeds reads from outside (source); one
 * that feeds nothing writes outside (sink).
 */
export function rolesIn(edges: readonly Edge[]): (vertexId: string) => Vertex['role'] {
  const targets = new Set(edges.map((edge) => edge.target));
  const sources = new Set(edges.map((edge) => edge.source));
  return (id) => (!targets.has(id) ? 'source' : !sources.has(id) ? 'sink' : 'operator');
}

/**
 * Vertex totals as embedded jobs show them (sums, the worst subtask's ratios, the lowest
 * watermark): `MetricsView.vertex` keeps no state, so one instance serves every job.
 */
const TOTALS = new MetricsView();

/**
 * Vertices and edges, each vertex with its subtasks' metrics (`subtasks` by vertex id; a vertex
 * without any, e.g. still waiting for slots, shows zeros). Until the job has slots (CREATED
 * under the adaptive scheduler) Flink shows the vertices without a plan: no edges then, and
 * only the "Source: " prefix tells roles.
 */
export function topology(
  job: FlinkJobDetails,
  subtasks: ReadonlyMap<string, SubtaskMetrics[]>,
): { vertices: Vertex[]; edges: Edge[] } {
  const nodes = job.plan?.nodes ?? [];
  const edges = planEdges(nodes);
  const roleOf = rolesIn(edges);
  const role = (v: FlinkJobVertex): Vertex['role'] => {
    if (nodes.length === 0) return v.name.startsWith('Source: ') ? 'source' : 'operator';
    return roleOf(v.id);
  };
  const vertex = (v: FlinkJobVertex): Vertex => {
    const parallelism = Math.max(1, v.parallelism);
    const measured =
      subtasks.get(v.id) ??
      Array.from({ length: parallelism }, (_, index) =>
        subtaskMetrics(index, {}, undefined, false),
      );
    return {
      id: v.id,
      name: v.name,
      role: role(v),
      operators: chainedOperators(v.name),
      parallelism,
      metrics: TOTALS.vertex(measured),
      subtasks: measured,
    };
  };
  return { vertices: job.vertices.map(vertex), edges };
}
