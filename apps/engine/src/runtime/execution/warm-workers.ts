import { Worker } from 'node:worker_threads';
import { workerExecArgv } from './worker-entry.js';

/**
 * Worker threads started ahead of need: a thread spends ~100 ms loading the engine's modules
 * before it can take its slot, and a standby taking over after a failover, or a job restarting,
 * should not wait for that. Each idle thread waits for its assignment (worker-main.ts); one
 * taken is replaced in the background. Idle threads do nothing, and are unref'ed so they never
 * keep the process alive.
 */
export class WarmWorkers {
  private readonly idle: Worker[] = [];
  private wanted = 0;

  constructor(private readonly entry: () => string) {}

  /** Keeps `count` threads started and idle from now on. */
  keep(count: number): void {
    this.wanted = count;
    this.refill();
  }

  /** An idle thread if one is ready, else a new one. */
  take(): Worker {
    const worker = this.idle.shift() ?? this.start();
    worker.ref();
    setImmediate(() => this.refill());
    return worker;
  }

  /** Ends the idle threads; `keep` starts them again. */
  async close(): Promise<void> {
    this.wanted = 0;
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }

  private refill(): void {
    while (this.idle.length < this.wanted) {
      const worker = this.start();
      worker.unref();
      // An idle thread that dies (out of memory at load) is simply not there to take.
      worker.once('exit', () => {
        const at = this.idle.indexOf(worker);
        if (at >= 0) this.idle.splice(at, 1);
      });
      this.idle.push(worker);
    }
  }

  private start(): Worker {
    return new Worker(this.entry(), { execArgv: workerExecArgv() });
  }
}
