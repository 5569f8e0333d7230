import type { LoadSample, SubtaskMetrics, VertexLoadHistory } from '@weir/contract';
import { RingBuffer } from '../core/ring-buffer.js';

/** Five minutes at the workers' one metrics report a second. */
const SAMPLES_KEPT = 300;

/**
 * Busy and backpressured ratios of every subtask over the last minutes, so the console can
 * tell a lasting bottleneck from a blip. In memory only: the recent window is all a chart
 * needs, and Prometheus keeps the long history when one scrapes the engine.
 */
export class LoadHistory {
  private readonly series = new Map<string, RingBuffer<LoadSample>>();

  constructor(private readonly capacity = SAMPLES_KEPT) {}

  add(vertexId: string, at: number, metrics: SubtaskMetrics): void {
    const key = `${vertexId}/${metrics.subtaskIndex}`;
    let ring = this.series.get(key);
    if (!ring) {
      ring = new RingBuffer(this.capacity);
      this.series.set(key, ring);
    }
    ring.push({ at, busyRatio: metrics.busyRatio, backpressuredRatio: metrics.backpressuredRatio });
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
