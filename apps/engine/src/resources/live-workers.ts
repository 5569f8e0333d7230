import type { MessagePort, Worker } from 'node:worker_threads';
import { conflict, unavailable } from '../errors/weir-error.js';
import type { CpuProfile } from './cpu-profile.js';
import type { ThreadAnswer, ThreadRequest } from './thread-channel.js';
import type { ThreadReading } from './thread-probe.js';

/** What a worker thread runs, as the worker pool describes it when it starts the thread. */
export interface WorkerDescription {
  jobId: string;
  slot: number;
  subtasks: Array<{ vertexId: string; subtaskIndex: number }>;
}

export interface LiveWorker extends WorkerDescription {
  threadId: number;
}

/** A sample is a few property reads in the worker: one that takes this long is stuck. */
const SAMPLE_TIMEOUT_MS = 2_000;
/** What a profile may take beyond its seconds (stopping the profiler, copying the profile). */
const PROFILE_GRACE_MS = 15_000;

interface Entry {
  worker: LiveWorker;
  port: MessagePort;
  pending: Map<number, (answer: ThreadAnswer | null) => void>;
  profiling: boolean;
}

/**
 * The worker threads of this process, as long as they live, with the port each answers
 * resource requests on. One per process, like the threads it lists: the worker pools of
 * every job register here, and the instance's sampler reads them all.
 */
export class LiveWorkers {
  private readonly entries = new Map<number, Entry>();
  private nextId = 1;

  /** Called by the worker pool for each thread it starts; forgets the thread when it exits. */
  register(worker: Worker, port: MessagePort, description: WorkerDescription): void {
    const entry: Entry = {
      worker: { threadId: worker.threadId, ...description },
      port,
      pending: new Map(),
      profiling: false,
    };
    this.entries.set(worker.threadId, entry);
    port.on('message', (answer: ThreadAnswer) => {
      entry.pending.get(answer.id)?.(answer);
      entry.pending.delete(answer.id);
    });
    port.unref();
    worker.once('exit', () => {
      this.entries.delete(entry.worker.threadId);
      for (const settle of entry.pending.values()) settle(null);
      port.close();
    });
  }

  list(): LiveWorker[] {
    return [...this.entries.values()].map((e) => e.worker);
  }

  /** The worker's reading over the interval since the previous one; null if it did not answer. */
  async sample(threadId: number): Promise<ThreadReading | null> {
    const entry = this.entries.get(threadId);
    if (!entry) return null;
    const answer = await this.ask(entry, { t: 'sample' }, SAMPLE_TIMEOUT_MS);
    return answer?.ok && 'reading' in answer ? answer.reading : null;
  }

  /** A CPU profile of the worker, one at a time per thread. */
  async profile(threadId: number, seconds: number): Promise<CpuProfile> {
    const entry = this.entries.get(threadId);
    if (!entry) throw unavailable(`thread ${threadId} is no worker of this instance (any more)`);
    if (entry.profiling) throw conflict(`thread ${threadId} is being profiled already`);
    entry.profiling = true;
    try {
      const answer = await this.ask(
        entry,
        { t: 'profile', seconds },
        seconds * 1000 + PROFILE_GRACE_MS,
      );
      if (!answer)
        throw unavailable(
          `thread ${threadId} sent no profile: it ended, or did not answer in time`,
        );
      if (!answer.ok)
        throw unavailable(`thread ${threadId} could not be profiled: ${answer.message}`);
      if (!('profile' in answer)) throw unavailable(`thread ${threadId} sent no profile`);
      return answer.profile;
    } finally {
      entry.profiling = false;
    }
  }

  private ask(
    entry: Entry,
    request: WithoutId<ThreadRequest>,
    timeoutMs: number,
  ): Promise<ThreadAnswer | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        entry.pending.delete(id);
        resolve(null);
      }, timeoutMs);
      entry.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      entry.port.postMessage({ ...request, id } as ThreadRequest);
    });
  }
}

/** Each kind of request without its id (a plain Omit would merge the kinds into one). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** This process's worker threads. */
export const liveWorkers = new LiveWorkers();
