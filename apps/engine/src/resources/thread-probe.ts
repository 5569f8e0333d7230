import {
  type EventLoopUtilization,
  type IntervalHistogram,
  monitorEventLoopDelay,
  PerformanceObserver,
  performance,
} from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { ThreadSample } from '@weir/contract';
import { threadCpuNs } from './thread-cpu.js';

/** A thread's sample with the running totals Prometheus counters are made of. */
export interface ThreadReading extends ThreadSample {
  /** CPU seconds the thread has used since it started; null where unknown. */
  cpuSecondsTotal: number | null;
  gcPauseSecondsTotal: number;
}

const NS_PER_MS = 1e6;
/** The delay histogram's sampling period: finer costs the thread wake-ups for nothing. */
const DELAY_RESOLUTION_MS = 10;

/**
 * Measures the thread it runs in (the main thread or a worker: each has its own event loop,
 * V8 heap and garbage collector), one interval per `read()`: CPU from the kernel's per-thread
 * clock, event-loop utilisation and delay, heap, and GC pauses seen by a `gc` observer.
 */
export class ThreadProbe {
  private readonly delay: IntervalHistogram;
  private readonly gc: PerformanceObserver;
  private gcPauseMs = 0;
  private gcCount = 0;
  private gcPauseMsTotal = 0;
  private lastAt: number;
  private lastCpuNs: number | null;
  private lastElu: EventLoopUtilization;

  constructor(private readonly now: () => number = Date.now) {
    this.delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
    this.delay.enable();
    this.gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        this.gcPauseMs += entry.duration;
        this.gcCount += 1;
      }
    });
    this.gc.observe({ entryTypes: ['gc'] });
    this.lastAt = now();
    this.lastCpuNs = threadCpuNs();
    this.lastElu = performance.eventLoopUtilization();
  }

  /** This thread since the previous read (or since the probe started). */
  read(): ThreadReading {
    const at = this.now();
    const wallMs = Math.max(1, at - this.lastAt);
    const cpuNs = threadCpuNs();
    const elu = performance.eventLoopUtilization();
    const heap = getHeapStatistics();
    const delayMs = (ns: number) => (this.delay.count > 0 ? ns / NS_PER_MS : 0);
    const reading: ThreadReading = {
      at,
      cpu:
        cpuNs === null || this.lastCpuNs === null
          ? null
          : Math.max(0, cpuNs - this.lastCpuNs) / NS_PER_MS / wallMs,
      eventLoopUtilization: performance.eventLoopUtilization(elu, this.lastElu).utilization,
      heapUsedBytes: heap.used_heap_size,
      heapTotalBytes: heap.total_heap_size,
      eventLoopDelayMs: {
        p50: delayMs(this.delay.percentile(50)),
        p99: delayMs(this.delay.percentile(99)),
        max: delayMs(this.delay.max),
      },
      gcPauseMs: this.gcPauseMs,
      gcCount: this.gcCount,
      cpuSecondsTotal: cpuNs === null ? null : cpuNs / 1e9,
      gcPauseSecondsTotal: (this.gcPauseMsTotal + this.gcPauseMs) / 1000,
    };
    this.gcPauseMsTotal += this.gcPauseMs;
    this.gcPauseMs = 0;
    this.gcCount = 0;
    this.delay.reset();
    this.lastAt = at;
    this.lastCpuNs = cpuNs;
    this.lastElu = elu;
    return reading;
  }

  close(): void {
    this.delay.disable();
    this.gc.disconnect();
  }
}
