import { readFileSync } from 'node:fs';

/**
 * CPU time the calling thread has used, in nanoseconds, or null off Linux. Node 20 has no
 * per-thread CPU clock (`process.threadCpuUsage` came in Node 23.9), and `process.cpuUsage()`
 * counts every thread of the process, in a worker too. Linux keeps each thread's own time:
 * `/proc/thread-self` is the task of whichever thread reads it, and the first field of its
 * `schedstat` is the nanoseconds it ran on a CPU (`stat`'s utime/stime tick only every 10 ms).
 * The read is synchronous, so it happens on the calling thread, not on libuv's pool.
 */
export function threadCpuNs(): number | null {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]);
    return Number.isFinite(ns) ? ns : null;
  } catch {
    return null;
  }
}
