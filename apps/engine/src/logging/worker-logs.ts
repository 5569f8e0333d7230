import { writeSync } from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';
import type { LogStore } from './log-store.js';

/** Worker threads' log lines travel to the main thread's store on this channel. */
const CHANNEL = 'weir-worker-logs';

/**
 * In a worker thread, before any logger is made: what it writes to stdout still goes to file
 * descriptor 1 as before, and to the main thread's log store as well. pino writes to
 * `process.stdout` (rather than straight to fd 1) once its `write` was replaced, as here.
 */
export function forwardWorkerLogs(): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  const stdout = process.stdout;
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    writeSync(1, text);
    channel.postMessage(text);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof stdout.write;
}

/** In the main thread: keeps what every worker thread of this process logs. */
export function receiveWorkerLogs(store: LogStore): { close(): void } {
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const data = (event as MessageEvent).data;
    if (typeof data === 'string') store.write(data);
  };
  return { close: () => channel.close() };
}
