import type { Edge, JobPlan, PlannedVertex } from '@weir/contract';
import type { FlinkPlan, FlinkPlanNode } from './flink-schemas.js';
import { planEdges, rolesIn } from './topology.js';

/**
 * Flink HTML-escapes plan descriptions: the entities operator names usually contain are turned
 * back, numeric ones (`&#92;`, a backslash) included; any other stays as written.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
const unescapeHtml = (text: string) =>
  text.replace(/&(?:#(\d{1,7})|([a-z]+));/g, (entity, code?: string, name?: string) => {
    if (code === undefined) return ENTITIES[name ?? ''] ?? entity;
    const point = Number(code);
    return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
  });

/**
 * The operators chained into a planned vertex, from its description: Flink writes them one a
 * line (`<br/>`), indented under the first ("Source: clicks<br/>+- parse<br/>   +- event-time").
 */
export function describedOperators(description: string): string[] {
  return description
    .split('<br/>')
    .map((line) => unescapeHtml(line.replace(/^\s*(\+-\s*)?/, '')).trim())
    .filter(Boolean);
}

/**
 * The nodes in the order records flow through them, sources first, as a running job lists its
 * vertices (a plan lists sinks first). A node on a cycle, which a job graph cannot have, would
 * come last.
 */
function inFlowOrder(nodes: readonly FlinkPlanNode[], edges: readonly Edge[]): FlinkPlanNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const inputsLeft = new Map(nodes.map((node) => [node.id, 0]));
  for (const edge of edges) inputsLeft.set(edge.target, (inputsLeft.get(edge.target) ?? 0) + 1);
  const ready = nodes.filter((node) => inputsLeft.get(node.id) === 0);
  const ordered: FlinkPlanNode[] = [];
  for (let node = ready.shift(); node !== undefined; node = ready.shift()) {
    ordered.push(node);
    for (const edge of edges) {
      if (edge.source !== node.id) continue;
      const left = (inputsLeft.get(edge.target) ?? 0) - 1;
      inputsLeft.set(edge.target, left);
      const target = byId.get(edge.target);
      if (left === 0 && target) ready.push(target);
    }
  }
  const placed = new Set(ordered);
  return [...ordered, ...nodes.filter((node) => !placed.has(node))];
}

/**
 * The job graph a jar's program builds (`POST /jars/:id/plan`), before anything runs: vertices
 * and edges as a running job's topology has them (`topology.ts`, the same plan mapping), each
 * vertex named after its operators as a running job's are ("Source: clicks -> parse ->
 * event-time"), without metrics.
 */
export function plannedTopology(plan: FlinkPlan): JobPlan {
  const edges = planEdges(plan.nodes);
  const roleOf = rolesIn(edges);
  const vertex = (node: FlinkPlanNode): PlannedVertex => {
    const described = describedOperators(node.description ?? '');
    const operators = described.length > 0 ? described : [node.id];
    return {
      id: node.id,
      name: operators.join(' -> '),
      role: roleOf(node.id),
      operators,
      // Flink writes -1 for "the default"; the plan request always gives one.
      parallelism: Math.max(1, node.parallelism ?? 1),
    };
  };
  return {
    jobName: plan.name ?? null,
    vertices: inFlowOrder(plan.nodes, edges).map(vertex),
    edges,
  };
}
