import {
  type LoadSample,
  type SubtaskMetrics,
  totalLag,
  type VertexLoadHistory,
} from '@weir/contract';
import type { PartitionLag } from '../core/operator.js';
import { RingBuffer } from '../core/ring-buffer.js';

/** Five minutes at the workers' one metrics report a second. */
const SAMPLES_KEPT = 300;

/**
 * Busy and backpressured ratios of every subtask over the last minutes, so the console can
 * tell a lasting bottleneck from a blip, and a Kafka source's lag, so it can tell a backlog
 * that drains from one that grows. In memory only: the recent window is all a chart
 * needs, and Prometheus keeps the long history when one scrapes the engine.
 */
export class LoadHistory {
  private readonly series = new Map<string, RingBuffer<LoadSample>>();

  constructor(private readonly capacity = SAMPLES_KEPT) {}

  /** `lag`: the partitions the subtask reads, if it is a partitioned source. */
  add(vertexId: string, at: number, metrics: SubtaskMetrics, lag?: PartitionLag[]): void {
    const key = `${vertexId}/${metrics.subtaskIndex}`;
    let ring = this.series.get(key);
    if (!ring) {
      ring = new RingBuffer(this.capacity);
      this.series.set(key, ring);
    }
    const { busyRatio, backpressuredRatio } = metrics;
    const sample: LoadSample = { at, busyRatio, backpressuredRatio };
    if (lag) {
      const total = totalLag(lag);
      sample.lagRecords = total.records;
      sample.lagSeconds = total.seconds;
    }
    ring.push(sample);
  }

  of(vertexId: string, parallelism: number): VertexLoadHistory {
    return {
      vertexId,
      subtasks: Array.from({ length: parallelism }, (_, subtaskIndex) => ({
        subtaskIndex,
        samples: this.series.get(`${vertexId}/${subtaskIndex}`)?.toArray() ?? [],
      })),
    };
  }
}
