import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ControlMessage, WorkerInit, WorkerReport } from '../../core/messages.js';
import { liveWorkers } from '../../resources/live-workers.js';
import { WarmWorkers } from './warm-workers.js';
import { workerEntry } from './worker-entry.js';

/**
 * How long a stopping run waits for its workers' operators to close (Kafka clients leaving
 * their groups, producers disconnecting) before it terminates the threads anyway.
 */
export const STOP_GRACE_MS = 5_000;

/** Threads every run takes its workers from; the engine keeps some started (see `WarmWorkers`). */
export const warmWorkers = new WarmWorkers(workerEntry);

export interface WorkerPool {
  post(slot: number, message: ControlMessage): void;
  broadcast(message: ControlMessage): void;
  /**
   * A normal end of the run: asks every worker to stop and close its operators, waits until
   * each has said `closed` (or exited, or `graceMs` passed), then terminates them all.
   */
  stop(graceMs?: number): Promise<void>;
  /** Terminates the threads at once: no operator closes. */
  terminate(): Promise<void>;
}

export interface WorkerPoolEvents {
  onReport(slot: number, report: WorkerReport): void;
  /** A worker died without being asked to (crash, out of memory, uncaught error). */
  onCrash(slot: number, error: Error): void;
}

/**
 * Starts one worker thread per slot, wires a MessageChannel between every pair of slots for
 * their data channels, and resolves once every worker has built its subtasks. Nothing runs
 * until `start` is broadcast, so no worker sends into a peer that is not listening yet.
 */
export async function startWorkers(
  inits: WorkerInit[],
  events: WorkerPoolEvents,
): Promise<WorkerPool> {
  const ports = inits.map(() => new Map<number, MessagePort>());
  for (let a = 0; a < inits.length; a++) {
    for (let b = a + 1; b < inits.length; b++) {
      const { port1, port2 } = new MessageChannel();
      ports[a]?.set(b, port1);
      ports[b]?.set(a, port2);
    }
  }
  let terminating = false;
  /** Per slot: resolved once the worker has closed its operators or is gone. */
  const closed = inits.map(() => {
    let resolve = () => {};
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  });
  const workers = inits.map((init, slot) => {
    const worker = warmWorkers.take();
    const slotPorts = ports[slot] as Map<number, MessagePort>;
    // Resource samples and CPU profiles travel on a port of their own (resources/).
    const resources = new MessageChannel();
    worker.postMessage({ init, ports: Object.fromEntries(slotPorts), resources: resources.port2 }, [
      ...slotPorts.values(),
      resources.port2,
    ]);
    liveWorkers.register(worker, resources.port1, {
      jobId: init.spec.id,
      slot: init.slot,
      subtasks: init.subtasks.map(({ vertexId, subtaskIndex }) => ({ vertexId, subtaskIndex })),
    });
    worker.on('error', (error) => {
      if (!terminating) events.onCrash(slot, error);
    });
    worker.on('exit', (code) => {
      closed[slot]?.resolve();
      if (!terminating)
        events.onCrash(slot, new Error(`worker for slot ${slot} exited with code ${code}`));
    });
    return worker;
  });
  await Promise.all(
    workers.map(
      (worker, slot) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', (report: WorkerReport) => {
            if (report.t === 'ready') resolve();
            else if (report.t === 'closed') closed[slot]?.resolve();
            else if (report.t === 'failed' && report.subtaskIndex === -1)
              reject(new Error(report.message));
            // A run being stopped hears nothing more of its workers: what closing operators
            // report (a send failing on a closed producer) would only fail a run that is over.
            else if (!terminating) events.onReport(slot, report);
          });
          worker.once('error', reject);
        }),
    ),
  ).catch(async (error: unknown) => {
    terminating = true;
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  });
  const terminate = async () => {
    terminating = true;
    await Promise.all(workers.map((w) => w.terminate()));
  };
  const pool: WorkerPool = {
    post: (slot, message) => workers[slot]?.postMessage(message),
    broadcast: (message) => {
      for (const worker of workers) worker.postMessage(message);
    },
    stop: async (graceMs = STOP_GRACE_MS) => {
      // A worker that dies while closing is no failure of the run: it is ending anyway.
      terminating = true;
      for (const worker of workers) worker.postMessage({ t: 'stop' } satisfies ControlMessage);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.all(closed.map((c) => c.promise)), graceOver]);
      clearTimeout(timer);
      await terminate();
    },
    terminate,
  };
  pool.broadcast({ t: 'start' });
  return pool;
}
