import { Counter, Gauge, type Registry } from 'prom-client';

/** One thread's latest reading, as the instance's resource sampler keeps it. */
export interface ThreadMetrics {
  /** `main`, or the worker's slot number. */
  thread: string;
  /** The job whose slot a worker runs; empty for the main thread. */
  job: string;
  cpuSecondsTotal: number | null;
  heapUsedBytes: number;
  heapTotalBytes: number;
  eventLoopUtilization: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  gcPauseSecondsTotal: number;
}

export interface ThreadMetricsSource {
  threadMetrics(): ThreadMetrics[];
}

export const NO_THREADS: ThreadMetricsSource = { threadMetrics: () => [] };

type Pick = (t: ThreadMetrics) => number | null;
const LABELS = ['job', 'thread'] as const;

/**
 * Per-thread resources: labels `job` and `thread` (main, or a slot of a job), bounded by the
 * jobs' slots like the vertex metrics. The process-wide figures (RSS, process CPU) are
 * prom-client's default metrics, `weir_process_*`.
 */
export function registerThreadMetrics(registers: Registry[], source: ThreadMetricsSource): void {
  /** Each thread's labels and value; threads without one (no CPU clock) are left out. */
  const values = (pick: Pick) =>
    source.threadMetrics().flatMap((t) => {
      const value = pick(t);
      return value === null ? [] : [{ labels: { job: t.job, thread: t.thread }, value }];
    });
  // Totals (counters) live in the sampler, copied in at scrape time as the vertex counters are.
  const perThread = (kind: 'gauge' | 'counter', name: string, help: string, pick: Pick) => {
    const config = { name, help, labelNames: LABELS, registers };
    if (kind === 'gauge') {
      new Gauge({
        ...config,
        collect() {
          this.reset();
          for (const { labels, value } of values(pick)) this.set(labels, value);
        },
      });
    } else {
      new Counter({
        ...config,
        collect() {
          this.reset();
          for (const { labels, value } of values(pick)) this.inc(labels, value);
        },
      });
    }
  };
  perThread(
    'counter',
    'weir_thread_cpu_seconds_total',
    "CPU time the thread has used (Linux's per-thread clock).",
    (t) => t.cpuSecondsTotal,
  );
  perThread(
    'counter',
    'weir_thread_gc_pause_seconds_total',
    "Time the thread's garbage collector paused it (since the worker started; for the main thread, since the engine did).",
    (t) => t.gcPauseSecondsTotal,
  );
  perThread(
    'gauge',
    'weir_thread_heap_used_bytes',
    "The thread's V8 heap in use.",
    (t) => t.heapUsedBytes,
  );
  perThread(
    'gauge',
    'weir_thread_heap_total_bytes',
    "The thread's V8 heap size.",
    (t) => t.heapTotalBytes,
  );
  perThread(
    'gauge',
    'weir_thread_event_loop_utilization_ratio',
    "Share of the last sampling interval the thread's event loop was busy.",
    (t) => t.eventLoopUtilization,
  );
  new Gauge({
    name: 'weir_thread_event_loop_delay_seconds',
    help: "The thread's event-loop delay over the last sampling interval: median, p99 and max.",
    labelNames: [...LABELS, 'quantile'],
    registers,
    collect() {
      this.reset();
      for (const t of source.threadMetrics()) {
        const { p50, p99, max } = t.eventLoopDelayMs;
        const labels = { job: t.job, thread: t.thread };
        this.set({ ...labels, quantile: '0.5' }, p50 / 1000);
        this.set({ ...labels, quantile: '0.99' }, p99 / 1000);
        this.set({ ...labels, quantile: '1' }, max / 1000);
      }
    },
  });
  new Gauge({
    name: 'weir_runtime_worker_threads',
    help: 'Worker threads running job slots in this instance.',
    registers,
    collect() {
      this.set(source.threadMetrics().filter((t) => t.thread !== 'main').length);
    },
  });
}
