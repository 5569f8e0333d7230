import { threadId as ownThreadId } from 'node:worker_threads';
import type {
  CpuProfileResult,
  InstanceResources,
  ProcessSample,
  ThreadResources,
  ThreadSample,
} from '@weir/contract';
import { RingBuffer } from '../core/ring-buffer.js';
import { notFound } from '../errors/weir-error.js';
import type { ThreadMetrics, ThreadMetricsSource } from '../metrics/thread-metrics.js';
import { profileThisThread } from './cpu-profile.js';
import { flameTree } from './flame-tree.js';
import { type LiveWorker, type LiveWorkers, liveWorkers } from './live-workers.js';
import { mergeProcessSamples, mergeSamples, mergeThreadSamples } from './merge-samples.js';
import { ThreadProbe, type ThreadReading } from './thread-probe.js';

export interface ResourceSamplerOptions {
  /** How often every thread is sampled (default 5 s). */
  intervalMs?: number;
  /** How much history each thread keeps (default one hour). */
  windowMs?: number;
  workers?: LiveWorkers;
  now?: () => number;
}

interface Series {
  info: Omit<ThreadResources, 'samples'>;
  samples: RingBuffer<ThreadSample>;
  latest: ThreadReading | null;
}

const HOUR_MS = 3_600_000;

const sampleOf = ({ cpuSecondsTotal, gcPauseSecondsTotal, ...sample }: ThreadReading) => sample;

const workerInfo = (w: LiveWorker): Omit<ThreadResources, 'samples'> => ({
  threadId: w.threadId,
  name: `${w.jobId} slot ${w.slot}`,
  kind: 'worker',
  jobId: w.jobId,
  slot: w.slot,
  subtasks: w.subtasks,
});

/**
 * This instance's resources over the last hour: every few seconds, a sample of the main
 * thread (here), of each live worker thread (asked over its resource port) and of the process,
 * each kept in a ring that holds the window. Also takes CPU profiles of any of those threads.
 */
export class ResourceSampler implements ThreadMetricsSource {
  readonly intervalMs: number;
  private readonly capacity: number;
  private readonly workers: LiveWorkers;
  private readonly now: () => number;
  private readonly probe: ThreadProbe;
  private readonly main: Series;
  private readonly threads = new Map<number, Series>();
  private readonly process: RingBuffer<ProcessSample>;
  private lastCpu = process.cpuUsage();
  private lastAt: number;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;

  constructor(options: ResourceSamplerOptions = {}) {
    this.intervalMs = options.intervalMs ?? 5_000;
    this.capacity = Math.ceil((options.windowMs ?? HOUR_MS) / this.intervalMs);
    this.workers = options.workers ?? liveWorkers;
    this.now = options.now ?? Date.now;
    this.probe = new ThreadProbe(this.now);
    this.lastAt = this.now();
    this.process = new RingBuffer(this.capacity);
    this.main = {
      info: {
        threadId: ownThreadId,
        name: 'main',
        kind: 'main',
        jobId: null,
        slot: null,
        subtasks: [],
      },
      samples: new RingBuffer(this.capacity),
      latest: null,
    };
  }

  /** Samples now (a fresh instance has something to show at once), then every interval. */
  start(): void {
    if (this.timer) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.intervalMs).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
    this.probe.close();
  }

  /** One round over every thread; a round still running when the next is due is not doubled. */
  sample(): Promise<void> {
    this.round ??= this.sampleAll().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async sampleAll(): Promise<void> {
    this.keep(this.main, this.probe.read());
    const live = this.workers.list();
    const readings = await Promise.all(live.map((w) => this.workers.sample(w.threadId)));
    const alive = new Set(live.map((w) => w.threadId));
    for (const id of this.threads.keys()) if (!alive.has(id)) this.threads.delete(id);
    live.forEach((worker, i) => {
      const reading = readings[i];
      if (!reading) return;
      let series = this.threads.get(worker.threadId);
      if (!series) {
        series = { info: workerInfo(worker), samples: new RingBuffer(this.capacity), latest: null };
        this.threads.set(worker.threadId, series);
      }
      this.keep(series, reading);
    });
    this.sampleProcess(live.length);
  }

  private keep(series: Series, reading: ThreadReading): void {
    series.latest = reading;
    series.samples.push(sampleOf(reading));
  }

  private sampleProcess(workerThreads: number): void {
    const at = this.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const memory = process.memoryUsage();
    this.process.push({
      at,
      cpu: (cpu.user + cpu.system) / 1000 / Math.max(1, at - this.lastAt),
      rssBytes: memory.rss,
      externalBytes: memory.external,
      workerThreads,
    });
    this.lastCpu = process.cpuUsage();
    this.lastAt = at;
  }

  /** The last `windowMs`, each series merged into at most `points` samples. */
  resources(windowMs: number, points: number): Omit<InstanceResources, 'instanceId'> {
    const since = this.now() - windowMs;
    const recent = <T extends { at: number }>(ring: RingBuffer<T>) =>
      ring.toArray().filter((s) => s.at >= since);
    const thread = (s: Series): ThreadResources => ({
      ...s.info,
      samples: mergeSamples(recent(s.samples), points, mergeThreadSamples),
    });
    return {
      sampleIntervalMs: this.intervalMs,
      process: mergeSamples(recent(this.process), points, mergeProcessSamples),
      threads: [this.main, ...this.sortedWorkers()].map(thread),
    };
  }

  threadMetrics(): ThreadMetrics[] {
    return [this.main, ...this.sortedWorkers()].flatMap(({ info, latest }) =>
      latest
        ? [
            {
              thread: info.slot === null ? 'main' : String(info.slot),
              job: info.jobId ?? '',
              ...latest,
            },
          ]
        : [],
    );
  }

  private sortedWorkers(): Series[] {
    return [...this.threads.values()].sort(
      (a, b) =>
        (a.info.jobId ?? '').localeCompare(b.info.jobId ?? '') ||
        (a.info.slot ?? 0) - (b.info.slot ?? 0),
    );
  }

  /** A CPU profile of the main thread or a live worker, as a flame tree and as taken. */
  async profile(threadId: number, seconds: number): Promise<Omit<CpuProfileResult, 'instanceId'>> {
    const isMain = threadId === ownThreadId;
    const worker = this.workers.list().find((w) => w.threadId === threadId);
    // instances.resources lists the threads there are; a worker may have ended since.
    if (!isMain && !worker) throw notFound(`thread ${threadId}`);
    const startedAt = new Date(this.now()).toISOString();
    const profile = isMain
      ? await profileThisThread(seconds)
      : await this.workers.profile(threadId, seconds);
    return {
      threadId,
      thread: worker ? workerInfo(worker).name : 'main',
      seconds,
      startedAt,
      tree: flameTree(profile),
      cpuprofile: JSON.stringify(profile),
    };
  }
}
