import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { leaseHolds, monotonicMs, SinkLease } from './leader-lease.js';

describe('leader leases', () => {
  it('count time on one clock in every thread, so a lease crosses to the workers', async () => {
    const before = monotonicMs();
    const inWorker = await new Promise<number>((resolve, reject) => {
      // The worker reads the same clock as `monotonicMs` does.
      const worker = new Worker(
        'require("node:worker_threads").parentPort.postMessage(Number(process.hrtime.bigint() / 1000000n))',
        { eval: true },
      );
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(inWorker).toBeGreaterThanOrEqual(before);
    expect(inWorker).toBeLessThanOrEqual(monotonicMs());
  });

  it('hold until their end and not after', () => {
    expect(leaseHolds(monotonicMs() + 60_000)).toBe(true);
    expect(leaseHolds(monotonicMs())).toBe(false);
    expect(leaseHolds(Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('remember when they said no to a sink', () => {
    const current = new SinkLease(monotonicMs() + 60_000);
    expect(current.mayCommit()).toBe(true);
    expect(current.refused).toBe(false);
    const ended = new SinkLease(monotonicMs() - 1);
    expect(ended.mayCommit()).toBe(false);
    expect(ended.refused).toBe(true);
  });
});
