import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { ControlMessage, WorkerInit, WorkerReport } from '../../core/messages.js';
import { workerEntry } from './worker-entry.js';

export interface WorkerPool {
  post(slot: number, message: ControlMessage): void;
  broadcast(message: ControlMessage): void;
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
  const entry = workerEntry();
  const workers = inits.map((init, slot) => {
    const worker = new Worker(entry, { name: `weir-${init.spec.id}-slot-${slot}` });
    const slotPorts = ports[slot] as Map<number, MessagePort>;
    worker.postMessage({ init, ports: Object.fromEntries(slotPorts) }, [...slotPorts.values()]);
    worker.on('error', (error) => {
      if (!terminating) events.onCrash(slot, error);
    });
    worker.on('exit', (code) => {
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
            else if (report.t === 'failed' && report.subtaskIndex === -1)
              reject(new Error(report.message));
            else events.onReport(slot, report);
          });
          worker.once('error', reject);
        }),
    ),
  ).catch(async (error: unknown) => {
    terminating = true;
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  });
  const pool: WorkerPool = {
    post: (slot, message) => workers[slot]?.postMessage(message),
    broadcast: (message) => {
      for (const worker of workers) worker.postMessage(message);
    },
    terminate: async () => {
      terminating = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
  pool.broadcast({ t: 'start' });
  return pool;
}
