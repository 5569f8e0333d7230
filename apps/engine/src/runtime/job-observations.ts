import type { Vertex } from '@weir/contract';
import type { JobGraphPlan } from '../core/job-graph.js';
import type { WorkerReport } from '../core/messages.js';
import { LoadHistory } from './load-history.js';
import { MetricsView } from './metrics-view.js';
import { plannedVertices } from './planned-vertices.js';

type Report<T extends WorkerReport['t']> = Extract<WorkerReport, { t: T }>;

/**
 * What the API shows of a running job, gathered from its workers' reports: per-vertex metrics
 * and their history and the latest results. The job master runs the job;
 * this only watches it.
 */
export class JobObservations {
  readonly metrics = new MetricsView();
  readonly loadHistory = new LoadHistory();
  /** Each slot's latest results, replaced with its next report. */
  private readonly recent = new Map<number, unknown[]>();

  constructor(private readonly plan: JobGraphPlan) {}

  /** A new run's workers report afresh: the previous run's live figures no longer hold. */
  newRun(): void {
    this.metrics.reset();
    this.recent.clear();
  }

  onMetrics(slot: number, report: Report<'metrics'>): void {
    for (const subtask of report.subtasks) {
      const interval = this.metrics.record(report.at, subtask);
      if (interval)
        this.loadHistory.add(subtask.vertexId, report.at, interval, subtask.partitionLag);
    }
    this.recent.set(slot, report.recent);
  }

  vertices(): Vertex[] {
    return plannedVertices(this.plan).map((vertex) => {
      const subtasks = this.metrics.subtasks(vertex.id, vertex.parallelism);
      const head = this.plan.vertices.find((v) => v.id === vertex.id)?.operators[0];
      const lag = this.metrics.partitionLag(vertex.id, vertex.parallelism);
      return {
        ...vertex,
        metrics: this.metrics.vertex(subtasks),
        subtasks,
        ...(head && lag.length > 0
          ? { partitionLag: lag.map((l) => ({ source: head.uid, ...l })) }
          : {}),
      };
    });
  }

  recentResults(): unknown[] {
    return [...this.recent.values()].flat();
  }
}
