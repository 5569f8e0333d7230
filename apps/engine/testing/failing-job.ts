import { type JobSpec, JobSpecSchema } from '@weir/contract';

/**
 * Datagen into a map that throws at its 100th record (in every run, so every restart fails
 * again), into a blackhole; restarted 3 times, 10 ms apart. Needs the harness's test
 * operators (`failing-map`).
 */
export const failingJob = (id: string): JobSpec =>
  JobSpecSchema.parse({
    id,
    name: id,
    checkpointing: { intervalMs: 3_600_000 },
    restartStrategy: { type: 'fixed-delay', attempts: 3, delayMs: 10 },
    operators: [
      {
        uid: 'clicks',
        kind: 'datagen',
        config: { seed: 3, ratePerSecond: 1_000_000, throttle: false, count: 10_000, startTime: 0 },
      },
      { uid: 'flaky', kind: 'custom', config: { module: 'failing-map', config: { failAt: 100 } } },
      { uid: 'sink', kind: 'blackhole' },
    ],
    edges: [
      { from: 'clicks', to: 'flaky', partitioning: 'rebalance' },
      { from: 'flaky', to: 'sink' },
    ],
  });
