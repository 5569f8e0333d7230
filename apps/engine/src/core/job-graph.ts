import type { EdgeSpec, JobSpec, OperatorSpec, Partitioning } from '@weir/contract';

/** A chain of operators that runs as one vertex (no channel between them), as in Flink. */
export interface VertexPlan {
  id: string;
  operators: OperatorSpec[];
  parallelism: number;
}

export interface VertexEdgePlan {
  source: string;
  target: string;
  partitioning: Partitioning;
  keyField: string | undefined;
  /** Side-output tag of the source operator, if this edge carries a side output. */
  output: string | undefined;
  /** Index of this edge among the target operator's inputs (edges in spec order). */
  targetInput: number;
}

/** An operator's own parallelism, or the job's. */
export const parallelismOf = (spec: JobSpec, op: OperatorSpec): number =>
  (op as { parallelism?: number }).parallelism ?? spec.parallelism;

export interface JobGraphPlan {
  /** Operators in topological order: every operator comes after all its inputs. */
  order: OperatorSpec[];
  vertices: VertexPlan[];
  edges: VertexEdgePlan[];
  vertexOf: Map<string, string>;
}

/** Kahn's algorithm; a cycle is a spec error, reported with the operators involved. */
function topologicalOrder(spec: JobSpec): OperatorSpec[] {
  const indegree = new Map(spec.operators.map((op) => [op.uid, 0]));
  for (const edge of spec.edges) indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  const byUid = new Map(spec.operators.map((op) => [op.uid, op]));
  const ready = spec.operators.filter((op) => indegree.get(op.uid) === 0).map((op) => op.uid);
  const order: OperatorSpec[] = [];
  while (ready.length > 0) {
    const uid = ready.shift() as string;
    order.push(byUid.get(uid) as OperatorSpec);
    for (const edge of spec.edges.filter((e) => e.from === uid)) {
      const left = (indegree.get(edge.to) ?? 0) - 1;
      indegree.set(edge.to, left);
      if (left === 0) ready.push(edge.to);
    }
  }
  if (order.length !== spec.operators.length) {
    const cyclic = spec.operators
      .filter((op) => (indegree.get(op.uid) ?? 0) > 0)
      .map((op) => op.uid);
    throw new Error(`job graph has a cycle through: ${cyclic.join(', ')}`);
  }
  return order;
}

/**
 * A forward edge between a single-output and a single-input operator of equal parallelism is
 * chained: both run in one subtask, records pass by function call.
 */
function isChainable(edge: EdgeSpec, spec: JobSpec, byUid: Map<string, OperatorSpec>): boolean {
  const outputs = spec.edges.filter((e) => e.from === edge.from).length;
  const inputs = spec.edges.filter((e) => e.to === edge.to).length;
  const sameParallelism =
    parallelismOf(spec, byUid.get(edge.from) as OperatorSpec) ===
    parallelismOf(spec, byUid.get(edge.to) as OperatorSpec);
  return (
    edge.partitioning === 'forward' &&
    edge.output === undefined &&
    outputs === 1 &&
    inputs === 1 &&
    sameParallelism
  );
}

export function planJobGraph(spec: JobSpec): JobGraphPlan {
  const order = topologicalOrder(spec);
  const byUid = new Map(spec.operators.map((op) => [op.uid, op]));
  const vertexOf = new Map<string, string>();
  const vertices: VertexPlan[] = [];
  for (const op of order) {
    const chainedFrom = spec.edges.find((e) => e.to === op.uid && isChainable(e, spec, byUid));
    const existing = chainedFrom ? vertexOf.get(chainedFrom.from) : undefined;
    const vertex = existing ? vertices.find((v) => v.id === existing) : undefined;
    if (vertex) {
      vertex.operators.push(op);
      vertexOf.set(op.uid, vertex.id);
    } else {
      // The vertex is named after its head operator's uid, which is stable across edits.
      vertices.push({ id: op.uid, operators: [op], parallelism: parallelismOf(spec, op) });
      vertexOf.set(op.uid, op.uid);
    }
  }
  const edges = spec.edges
    .filter((e) => vertexOf.get(e.from) !== vertexOf.get(e.to))
    .map((e) => ({
      source: vertexOf.get(e.from) as string,
      target: vertexOf.get(e.to) as string,
      partitioning: e.partitioning,
      keyField: e.keyField,
      output: e.output,
      targetInput: spec.edges.filter((other) => other.to === e.to).indexOf(e),
    }));
  return { order, vertices, edges, vertexOf };
}
