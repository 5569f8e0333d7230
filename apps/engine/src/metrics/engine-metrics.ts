import type { SnapshotKind } from '@weir/shared';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read at scrape time; the hot path only bumps plain numbers. */
export interface VertexCountersSource {
  vertexCounters(): Array<{
    job: string;
    vertex: string;
    recordsIn: number;
    recordsOut: number;
    deadLetters: number;
  }>;
}

/**
 * Prometheus metrics named `weir_<area>_<what>_<unit>`. Labels are job, vertex and kind only,
 * so their number is bounded by the jobs' graphs, never by the data.
 */
export class EngineMetrics {
  readonly registry = new Registry();
  private readonly checkpointsCompleted: Counter<'job' | 'kind'>;
  private readonly checkpointsFailed: Counter<'job' | 'kind'>;
  private readonly checkpointDuration: Histogram<'job' | 'kind'>;
  private readonly lastCheckpointSize: Gauge<'job'>;
  private readonly isLeader: Gauge;

  constructor(source: VertexCountersSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'weir_process_' });
    const registers = [this.registry];
    const vertexCounter = (
      name: string,
      help: string,
      pick: (c: ReturnType<VertexCountersSource['vertexCounters']>[number]) => number,
    ) =>
      new Counter({
        name,
        help,
        labelNames: ['job', 'vertex'],
        registers,
        // Totals live in the runtime; copy them in at scrape time instead of per record.
        collect() {
          this.reset();
          for (const c of source.vertexCounters())
            this.inc({ job: c.job, vertex: c.vertex }, pick(c));
        },
      });
    vertexCounter(
      'weir_vertex_records_in_total',
      'Records received by the vertex.',
      (c) => c.recordsIn,
    );
    vertexCounter(
      'weir_vertex_records_out_total',
      'Records emitted by the vertex.',
      (c) => c.recordsOut,
    );
    vertexCounter(
      'weir_vertex_dead_letters_total',
      'Records the vertex could not process, sent to the dead-letter store.',
      (c) => c.deadLetters,
    );
    this.checkpointsCompleted = new Counter({
      name: 'weir_checkpoint_completed_total',
      help: 'Completed checkpoints and savepoints.',
      labelNames: ['job', 'kind'],
      registers,
    });
    this.checkpointsFailed = new Counter({
      name: 'weir_checkpoint_failed_total',
      help: 'Failed checkpoints and savepoints.',
      labelNames: ['job', 'kind'],
      registers,
    });
    this.checkpointDuration = new Histogram({
      name: 'weir_checkpoint_duration_seconds',
      help: 'Time from trigger to durable manifest.',
      labelNames: ['job', 'kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.lastCheckpointSize = new Gauge({
      name: 'weir_checkpoint_last_size_bytes',
      help: 'State size of the last completed checkpoint.',
      labelNames: ['job'],
      registers,
    });
    this.isLeader = new Gauge({
      name: 'weir_leader_is_leader',
      help: '1 while this instance is the leader.',
      registers,
    });
  }

  snapshotCompleted(job: string, kind: SnapshotKind, durationMs: number, sizeBytes: number): void {
    this.checkpointsCompleted.inc({ job, kind });
    this.checkpointDuration.observe({ job, kind }, durationMs / 1000);
    if (kind === 'CHECKPOINT') this.lastCheckpointSize.set({ job }, sizeBytes);
  }

  snapshotFailed(job: string, kind: SnapshotKind): void {
    this.checkpointsFailed.inc({ job, kind });
  }

  setLeader(isLeader: boolean): void {
    this.isLeader.set(isLeader ? 1 : 0);
  }
}
