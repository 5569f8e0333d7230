import {
  type JobStatus,
  JobStatusSchema,
  type SnapshotKind,
  type SourcePartitionLag,
  type SubtaskMetrics,
  type Vertex,
  type VertexMetrics,
} from '@weir/contract';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { NO_THREADS, registerThreadMetrics, type ThreadMetricsSource } from './thread-metrics.js';

/** What the collectors read at scrape time; the record path only bumps plain numbers. */
/** One job as the collectors read it at scrape time. */
export interface JobMetrics {
  job: string;
  status: JobStatus;
  restarts: number;
  recoveryFallbacks: number;
  vertices: Vertex[];
}

export interface JobMetricsSource {
  jobMetrics(): JobMetrics[];
}

type VertexPick = (m: VertexMetrics) => number;
type SubtaskPick = (m: SubtaskMetrics) => number | null;
type LagPick = (lag: SourcePartitionLag) => number | null;

/**
 * Prometheus metrics named `weir_<area>_<what>_<unit>`. Labels are job, vertex, subtask and
 * kind, and for Kafka lag source, topic and partition (the partitions of the topics a job
 * reads), so their number is bounded by the jobs' graphs and inputs, never by data.
 */
export class EngineMetrics {
  readonly registry = new Registry();
  private readonly checkpointsCompleted: Counter<'job' | 'kind'>;
  private readonly checkpointsFailed: Counter<'job' | 'kind' | 'reason'>;
  private readonly checkpointDuration: Histogram<'job' | 'kind'>;
  private readonly lastCheckpointSize: Gauge<'job'>;

  constructor(source: JobMetricsSource, threads: ThreadMetricsSource = NO_THREADS) {
    collectDefaultMetrics({ register: this.registry, prefix: 'weir_process_' });
    const registers = [this.registry];
    registerThreadMetrics(registers, threads);
    const vertexCounter = (name: string, help: string, pick: VertexPick) =>
      new Counter({
        name,
        help,
        labelNames: ['job', 'vertex'],
        registers,
        // Totals live in the runtime; copy them in at scrape time instead of per record.
        collect() {
          this.reset();
          for (const { job, vertices } of source.jobMetrics()) {
            for (const v of vertices) this.inc({ job, vertex: v.id }, pick(v.metrics));
          }
        },
      });
    const subtaskGauge = (name: string, help: string, pick: SubtaskPick) =>
      new Gauge({
        name,
        help,
        labelNames: ['job', 'vertex', 'subtask'],
        registers,
        collect() {
          this.reset();
          for (const { job, vertices } of source.jobMetrics()) {
            for (const v of vertices) {
              for (const s of v.subtasks) {
                const value = pick(s);
                if (value !== null)
                  this.set({ job, vertex: v.id, subtask: String(s.subtaskIndex) }, value);
              }
            }
          }
        },
      });
    const lagGauge = (name: string, help: string, pick: LagPick) =>
      new Gauge({
        name,
        help,
        labelNames: ['job', 'source', 'topic', 'partition'],
        registers,
        collect() {
          this.reset();
          for (const { job, vertices } of source.jobMetrics()) {
            for (const lag of vertices.flatMap((v) => v.partitionLag ?? [])) {
              const value = pick(lag);
              const labels = { job, source: lag.source, topic: lag.topic };
              if (value !== null) this.set({ ...labels, partition: String(lag.partition) }, value);
            }
          }
        },
      });
    lagGauge(
      'weir_kafka_consumer_lag_records',
      'Records in the partition the Kafka source has not emitted yet.',
      (lag) => lag.records,
    );
    lagGauge(
      'weir_kafka_consumer_lag_seconds',
      'Age of the last record the Kafka source emitted from the partition while behind; 0 when caught up.',
      (lag) => lag.seconds,
    );
    vertexCounter(
      'weir_vertex_records_in_total',
      'Records received by the vertex.',
      (m) => m.recordsInTotal,
    );
    vertexCounter(
      'weir_vertex_records_out_total',
      'Records emitted by the vertex.',
      (m) => m.recordsOutTotal,
    );
    vertexCounter(
      'weir_vertex_dead_letters_total',
      'Records the vertex could not process, sent to the dead letters.',
      (m) => m.deadLetters,
    );
    subtaskGauge(
      'weir_vertex_busy_ratio',
      'Share of the last second the subtask spent working.',
      (s) => s.busyRatio,
    );
    subtaskGauge(
      'weir_vertex_backpressured_ratio',
      'Share of the last second the subtask waited for output credit.',
      (s) => s.backpressuredRatio,
    );
    subtaskGauge(
      'weir_vertex_idle_ratio',
      'Share of the last second the subtask had nothing to do.',
      (s) => s.idleRatio,
    );
    subtaskGauge(
      'weir_vertex_watermark_seconds',
      'Event time the subtask has reached (Unix seconds).',
      (s) => (s.watermark === null ? null : s.watermark / 1000),
    );
    subtaskGauge(
      'weir_vertex_input_queue_fill_ratio',
      'Fill of the subtask input buffers.',
      (s) => s.inputQueueFill,
    );
    subtaskGauge(
      'weir_vertex_output_queue_fill_ratio',
      'Fill of the subtask output buffers.',
      (s) => s.outputQueueFill,
    );
    new Counter({
      name: 'weir_job_restarts_total',
      help: 'Restarts of the job by its restart strategy.',
      labelNames: ['job'],
      registers,
      collect() {
        this.reset();
        for (const { job, restarts } of source.jobMetrics()) this.inc({ job }, restarts);
      },
    });
    new Counter({
      name: 'weir_job_recovery_fallbacks_total',
      help: 'Recoveries that skipped an invalid newer checkpoint for an older one.',
      labelNames: ['job'],
      registers,
      collect() {
        this.reset();
        for (const { job, recoveryFallbacks } of source.jobMetrics())
          this.inc({ job }, recoveryFallbacks);
      },
    });
    new Gauge({
      name: 'weir_job_status',
      help: '1 for the status the job is in, 0 for the others.',
      labelNames: ['job', 'status'],
      registers,
      collect() {
        this.reset();
        for (const { job, status } of source.jobMetrics()) {
          for (const each of JobStatusSchema.options)
            this.set({ job, status: each }, each === status ? 1 : 0);
        }
      },
    });
    this.checkpointsCompleted = new Counter({
      name: 'weir_checkpoint_completed_total',
      help: 'Completed checkpoints and savepoints.',
      labelNames: ['job', 'kind'],
      registers,
    });
    this.checkpointsFailed = new Counter({
      name: 'weir_checkpoint_failed_total',
      help: 'Failed checkpoints and savepoints, by failure reason.',
      labelNames: ['job', 'kind', 'reason'],
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
  }

  snapshotCompleted(job: string, kind: SnapshotKind, durationMs: number, sizeBytes: number): void {
    this.checkpointsCompleted.inc({ job, kind });
    this.checkpointDuration.observe({ job, kind }, durationMs / 1000);
    if (kind === 'CHECKPOINT') this.lastCheckpointSize.set({ job }, sizeBytes);
  }

  /** `reason` is the failure reason's code (the part before any ":"), a bounded set. */
  snapshotFailed(job: string, kind: SnapshotKind, reason: string): void {
    this.checkpointsFailed.inc({ job, kind, reason: reason.split(':')[0] ?? reason });
  }
}
