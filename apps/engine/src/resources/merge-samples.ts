import type { ProcessSample, ThreadSample } from '@weir/contract';

/**
 * At most `points` samples, oldest first: consecutive runs of samples merged into one, so an
 * hour at a sample every few seconds reaches a chart as a few hundred points.
 */
export function mergeSamples<T>(samples: T[], points: number, merge: (run: T[]) => T): T[] {
  if (samples.length <= points) return samples;
  const size = Math.ceil(samples.length / points);
  const merged: T[] = [];
  // Runs end at the newest sample, so the latest one always stands alone when it can.
  for (let end = samples.length; end > 0; end -= size)
    merged.push(merge(samples.slice(Math.max(0, end - size), end)));
  return merged.reverse();
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const max = (values: number[]) => Math.max(...values);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const last = <T>(run: T[]) => run[run.length - 1] as T;

/** Rates averaged, peaks (heap, worst delays) kept, GC pauses added up. */
export function mergeThreadSamples(run: ThreadSample[]): ThreadSample {
  const cpus = run.map((s) => s.cpu).filter((c): c is number => c !== null);
  return {
    at: last(run).at,
    cpu: cpus.length > 0 ? mean(cpus) : null,
    eventLoopUtilization: mean(run.map((s) => s.eventLoopUtilization)),
    heapUsedBytes: max(run.map((s) => s.heapUsedBytes)),
    heapTotalBytes: max(run.map((s) => s.heapTotalBytes)),
    eventLoopDelayMs: {
      p50: mean(run.map((s) => s.eventLoopDelayMs.p50)),
      p99: max(run.map((s) => s.eventLoopDelayMs.p99)),
      max: max(run.map((s) => s.eventLoopDelayMs.max)),
    },
    gcPauseMs: sum(run.map((s) => s.gcPauseMs)),
    gcCount: sum(run.map((s) => s.gcCount)),
  };
}

export function mergeProcessSamples(run: ProcessSample[]): ProcessSample {
  return {
    at: last(run).at,
    cpu: mean(run.map((s) => s.cpu)),
    rssBytes: max(run.map((s) => s.rssBytes)),
    externalBytes: max(run.map((s) => s.externalBytes)),
    workerThreads: last(run).workerThreads,
  };
}
