import type { Edge, JobSpec, PlannedVertex } from '@weir/contract';
import { type JobGraphPlan, planJobGraph } from '../core/job-graph.js';
import { displayNameOf } from '../operators/registry.js';

/**
 * The vertices of a planned job graph as the console shows them: the chained operators'
 * names, and the role a vertex plays (a source has no input edge, a sink no output edge).
 */
export function plannedVertices(plan: JobGraphPlan): PlannedVertex[] {
  return plan.vertices.map((vertex) => {
    const isSource = plan.edges.every((e) => e.target !== vertex.id);
    const isSink = plan.edges.every((e) => e.source !== vertex.id);
    return {
      id: vertex.id,
      name: vertex.operators.map(displayNameOf).join(' → '),
      role: isSource ? 'source' : isSink ? 'sink' : 'operator',
      operators: vertex.operators.map((op) => op.kind),
      parallelism: vertex.parallelism,
    };
  });
}

/** The job graph `spec` runs, before it runs: vertices (chains) and the edges between them. */
export function jobPlan(spec: JobSpec): {
  jobName: string;
  vertices: PlannedVertex[];
  edges: Edge[];
} {
  const plan = planJobGraph(spec);
  return { jobName: spec.name, vertices: plannedVertices(plan), edges: plan.edges };
}
