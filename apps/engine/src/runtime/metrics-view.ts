import type { SubtaskMetrics, VertexMetrics } from '@weir/contract';
import type { SubtaskMetrics as RawMetrics } from '../core/messages.js';
import { MIN_WATERMARK } from '../core/operator.js';

interface Samples {
  previous: RawMetrics & { at: number };
  latest: RawMetrics & { at: number };
}

const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0;

/**
 * Turns the cumulative counters workers report every second into rates and ratios over the
 * last interval, per subtask and per vertex.
 */
export class MetricsView {
  private readonly samples = new Map<string, Samples>();

  /**
   * Takes a subtask's report; returns its metrics over the interval since the previous one,
   * or null for its first report (no interval yet).
   */
  record(at: number, raw: RawMetrics): SubtaskMetrics | null {
    const key = `${raw.vertexId}/${raw.subtaskIndex}`;
    const latest = { ...raw, at };
    const existing = this.samples.get(key);
    const samples = { previous: existing?.latest ?? latest, latest };
    this.samples.set(key, samples);
    return existing ? overInterval(raw.subtaskIndex, samples) : null;
  }

  /** Forget a run's counters (after a restart the new workers count from zero). */
  reset(): void {
    this.samples.clear();
  }

  subtasks(vertexId: string, parallelism: number): SubtaskMetrics[] {
    return Array.from({ length: parallelism }, (_, index) => {
      const samples = this.samples.get(`${vertexId}/${index}`);
      return samples ? overInterval(index, samples) : emptySubtask(index);
    });
  }

  /** The lag its subtasks last reported, per partition (empty unless it reads partitions). */
  partitionLag(vertexId: string, parallelism: number) {
    return Array.from({ length: parallelism }, (_, subtaskIndex) =>
      (this.samples.get(`${vertexId}/${subtaskIndex}`)?.latest.partitionLag ?? []).map((lag) => ({
        ...lag,
        subtaskIndex,
      })),
    ).flat();
  }

  vertex(subtasks: SubtaskMetrics[]): VertexMetrics {
    const sum = (pick: (s: SubtaskMetrics) => number) =>
      subtasks.reduce((total, s) => total + pick(s), 0);
    const max = (pick: (s: SubtaskMetrics) => number) =>
      subtasks.reduce((m, s) => Math.max(m, pick(s)), 0);
    const watermarks = subtasks.map((s) => s.watermark);
    return {
      recordsInTotal: sum((s) => s.recordsInTotal),
      recordsOutTotal: sum((s) => s.recordsOutTotal),
      recordsInPerSecond: sum((s) => s.recordsInPerSecond),
      recordsOutPerSecond: sum((s) => s.recordsOutPerSecond),
      busyRatio: max((s) => s.busyRatio),
      backpressuredRatio: max((s) => s.backpressuredRatio),
      idleRatio: max((s) => s.idleRatio),
      watermark: watermarks.some((w) => w === null) ? null : Math.min(...(watermarks as number[])),
      inputQueueFill: max((s) => s.inputQueueFill),
      outputQueueFill: max((s) => s.outputQueueFill),
      deadLetters: sum((s) => s.deadLetters),
    };
  }
}

function overInterval(subtaskIndex: number, { previous: p, latest: l }: Samples): SubtaskMetrics {
  const seconds = (l.at - p.at) / 1000;
  const spent =
    l.busyMs - p.busyMs + (l.backpressuredMs - p.backpressuredMs) + (l.idleMs - p.idleMs);
  return {
    subtaskIndex,
    recordsInTotal: l.recordsIn,
    recordsOutTotal: l.recordsOut,
    recordsInPerSecond: seconds > 0 ? (l.recordsIn - p.recordsIn) / seconds : 0,
    recordsOutPerSecond: seconds > 0 ? (l.recordsOut - p.recordsOut) / seconds : 0,
    busyRatio: ratio(l.busyMs - p.busyMs, spent),
    backpressuredRatio: ratio(l.backpressuredMs - p.backpressuredMs, spent),
    idleRatio: ratio(l.idleMs - p.idleMs, spent),
    watermark: l.watermark <= MIN_WATERMARK ? null : l.watermark,
    inputQueueFill: ratio(l.inputQueue, l.inputCapacity),
    outputQueueFill: ratio(l.outputQueue, l.outputCapacity),
    deadLetters: l.deadLetters,
  };
}

function emptySubtask(subtaskIndex: number): SubtaskMetrics {
  return {
    subtaskIndex,
    recordsInTotal: 0,
    recordsOutTotal: 0,
    recordsInPerSecond: 0,
    recordsOutPerSecond: 0,
    busyRatio: 0,
    backpressuredRatio: 0,
    idleRatio: 0,
    watermark: null,
    inputQueueFill: 0,
    outputQueueFill: 0,
    deadLetters: 0,
  };
}
