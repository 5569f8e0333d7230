import type { FlinkEdge, FlinkVertex, Partitioning } from '@weir/contract';
import type { FlinkJobDetails, FlinkJobVertex } from './flink-schemas.js';

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

/** The edges of the plan: each node's inputs, source to target. */
export function planEdges(job: FlinkJobDetails): FlinkEdge[] {
  return (job.plan?.nodes ?? []).flatMap((node) =>
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

/** Records counted over every subtask, or null while Flink has not heard from all of them. */
function total(value: number | undefined, complete: boolean | undefined): number | null {
  if (value === undefined || complete === false) return null;
  return Math.max(0, Math.round(value));
}

/**
 * Vertices and edges. A vertex nothing feeds reads from outside (source); one that feeds nothing
 * writes outside (sink). Until the job has slots (CREATED under the adaptive scheduler) Flink
 * shows the vertices without a plan: no edges then, and only the "Source: " prefix tells roles.
 */
export function topology(job: FlinkJobDetails): { vertices: FlinkVertex[]; edges: FlinkEdge[] } {
  const edges = planEdges(job);
  const planned = (job.plan?.nodes.length ?? 0) > 0;
  const targets = new Set(edges.map((edge) => edge.target));
  const sources = new Set(edges.map((edge) => edge.source));
  const role = (v: FlinkJobVertex): FlinkVertex['role'] => {
    if (!planned) return v.name.startsWith('Source: ') ? 'source' : 'operator';
    return !targets.has(v.id) ? 'source' : !sources.has(v.id) ? 'sink' : 'operator';
  };
  const vertex = (v: FlinkJobVertex): FlinkVertex => ({
    id: v.id,
    name: v.name,
    role: role(v),
    operators: chainedOperators(v.name),
    parallelism: Math.max(1, v.parallelism),
    maxParallelism:
      v.maxParallelism !== undefined && v.maxParallelism > 0 ? v.maxParallelism : null,
    status: v.status,
    recordsInTotal: total(v.metrics?.['read-records'], v.metrics?.['read-records-complete']),
    recordsOutTotal: total(v.metrics?.['write-records'], v.metrics?.['write-records-complete']),
  });
  return { vertices: job.vertices.map(vertex), edges };
}
