import { edgeRouting } from '@/lib/edge-routing';
import type { JobPlan } from '@/lib/trpc/types';
import { type Column, DataTable } from './DataTable';

type PlannedVertex = JobPlan['vertices'][number];

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The job graph a job would run, before it runs (a jar's program on Flink, a Weir spec on the
 * embedded engine): one row per vertex, with the vertices feeding it and how records reach it.
 */
export function JobPlanPreview({ plan }: { plan: JobPlan }) {
  const names = new Map(plan.vertices.map((vertex) => [vertex.id, vertex.name]));
  const inputs = (vertex: PlannedVertex) =>
    plan.edges
      .filter((edge) => edge.target === vertex.id)
      .map((edge) => `${names.get(edge.source) ?? edge.source} (${edgeRouting(edge)})`);
  const columns: Column<PlannedVertex>[] = [
    { header: 'Vertex', cell: (vertex) => vertex.name },
    { header: 'Role', cell: (vertex) => vertex.role },
    { header: 'Parallelism', numeric: true, cell: (vertex) => vertex.parallelism },
    { header: 'Fed by', cell: (vertex) => inputs(vertex).join(', ') || '—' },
  ];
  return (
    <section aria-labelledby="job-plan-heading" data-testid="job-plan">
      <h3 id="job-plan-heading">
        Plan{plan.jobName ? ` of ${plan.jobName}` : ''}:{' '}
        {counted(plan.vertices.length, 'vertex', 'vertices')},{' '}
        {counted(plan.edges.length, 'edge', 'edges')}
      </h3>
      <DataTable
        label="Planned vertices"
        columns={columns}
        rows={plan.vertices}
        rowKey={(vertex) => vertex.id}
        compact
      />
    </section>
  );
}
