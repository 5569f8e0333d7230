import type { Vertex } from '@weir/shared';
import { RateTracker } from '../../metrics/rate-tracker.js';
import { displayNameOf } from '../../operators/registry.js';
import type { JobRunner } from '../../runtime/job-runner.js';
import type { OperatorNode } from '../../runtime/operator-node.js';

interface VertexTotals {
  vertexId: string;
  recordsIn: number;
  recordsOut: number;
}

/** A vertex counts what enters its first operator and what leaves its last one. */
export function vertexTotals(runner: JobRunner): VertexTotals[] {
  return runner.plan.vertices.map((vertex) => {
    const nodes = vertex.operators.map(
      (op) => runner.nodes.find((n) => n.spec.uid === op.uid) as OperatorNode,
    );
    const head = nodes[0] as OperatorNode;
    const tail = nodes[nodes.length - 1] as OperatorNode;
    return { vertexId: vertex.id, recordsIn: head.recordsIn, recordsOut: tail.recordsOut };
  });
}

/** Keeps per-vertex rate trackers for one run and renders the API's vertex view. */
export class VertexRates {
  private readonly rates = new Map<string, { in: RateTracker; out: RateTracker }>();

  sample(runner: JobRunner, atMs: number): void {
    for (const totals of vertexTotals(runner)) {
      let tracker = this.rates.get(totals.vertexId);
      if (!tracker) {
        tracker = { in: new RateTracker(), out: new RateTracker() };
        this.rates.set(totals.vertexId, tracker);
      }
      tracker.in.sample(atMs, totals.recordsIn);
      tracker.out.sample(atMs, totals.recordsOut);
    }
  }

  vertices(runner: JobRunner): Vertex[] {
    const totals = new Map(vertexTotals(runner).map((t) => [t.vertexId, t]));
    return runner.plan.vertices.map((vertex) => {
      const t = totals.get(vertex.id);
      const rate = this.rates.get(vertex.id);
      const isSource = runner.plan.edges.every((e) => e.target !== vertex.id);
      const isSink = runner.plan.edges.every((e) => e.source !== vertex.id);
      return {
        id: vertex.id,
        name: vertex.operators.map(displayNameOf).join(' → '),
        role: isSource ? 'source' : isSink ? 'sink' : 'operator',
        operators: vertex.operators.map((op) => op.kind),
        parallelism: vertex.parallelism,
        metrics: {
          recordsInTotal: t?.recordsIn ?? 0,
          recordsOutTotal: t?.recordsOut ?? 0,
          recordsInPerSecond: rate?.in.perSecond() ?? 0,
          recordsOutPerSecond: rate?.out.perSecond() ?? 0,
        },
      };
    });
  }
}
