import type { MessagePort } from 'node:worker_threads';
import { type CpuProfile, profileThisThread } from './cpu-profile.js';
import { ThreadProbe, type ThreadReading } from './thread-probe.js';

/**
 * Main thread -> worker, on a port of its own beside the job's control messages and reports:
 * sampling and profiling never queue behind (or reorder) what runs the job.
 */
export type ThreadRequest =
  | { id: number; t: 'sample' }
  | { id: number; t: 'profile'; seconds: number };

/** Worker -> main thread: the answer to request `id`. */
export type ThreadAnswer =
  | { id: number; ok: true; reading: ThreadReading }
  | { id: number; ok: true; profile: CpuProfile }
  | { id: number; ok: false; message: string };

/**
 * Worker side: measures this worker thread and profiles it on request. The port does not
 * keep the worker alive; the job master ends it as before.
 */
export function serveThreadResources(port: MessagePort): void {
  const probe = new ThreadProbe();
  port.on('message', (request: ThreadRequest) => {
    if (request.t === 'sample') {
      port.postMessage({ id: request.id, ok: true, reading: probe.read() } satisfies ThreadAnswer);
      return;
    }
    profileThisThread(request.seconds).then(
      (profile) => port.postMessage({ id: request.id, ok: true, profile } satisfies ThreadAnswer),
      (error: Error) =>
        port.postMessage({
          id: request.id,
          ok: false,
          message: error.message,
        } satisfies ThreadAnswer),
    );
  });
  port.unref();
}
