import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type JobSpec, JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { MasterHarness } from '../../testing/master-harness.js';
import { waitFor } from '../../testing/wait-for.js';
import { STOP_GRACE_MS } from './execution/worker-pool.js';

const harness = MasterHarness.perTest();

/** Datagen (unbounded unless `count`) into the harness's `closing-sink`, at parallelism 2. */
function closingJob(id: string, closedFile: string, options: { count?: number; hang?: boolean }) {
  return JobSpecSchema.parse({
    id,
    name: id,
    parallelism: 2,
    checkpointing: { intervalMs: 3_600_000 },
    restartStrategy: { type: 'none' },
    operators: [
      {
        uid: 'clicks',
        kind: 'datagen',
        config: {
          seed: 1,
          ratePerSecond: 1000,
          throttle: true,
          startTime: 0,
          count: options.count,
        },
      },
      {
        uid: 'sink',
        kind: 'custom',
        config: { module: 'closing-sink', config: { closedFile, hang: options.hang ?? false } },
      },
    ],
    edges: [{ from: 'clicks', to: 'sink', partitioning: 'rebalance' }],
  });
}

const closesIn = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).sort();

async function running(spec: JobSpec) {
  const job = harness().master(spec);
  await job.start({ restore: null, firstCheckpointId: 1 });
  await waitFor('the job to run', () => job.status === 'RUNNING');
  return job;
}

/**
 * A run that ends normally sends its workers `stop` and waits (bounded) for their operators'
 * `close()`, which releases what they hold outside the thread (Kafka readers leave their
 * groups). Before, the threads were terminated and no operator ever closed.
 */
describe('a run that ends closes its operators before its workers go', () => {
  it('on cancel, every subtask closes, even with an asynchronous close', async () => {
    const closedFile = path.join(harness().dir, 'closed.txt');
    const job = await running(closingJob('cancelled', closedFile, {}));
    await job.cancel();
    expect(job.status).toBe('CANCELED');
    // cancel() resolves once the workers are gone, so every close has run by now.
    expect(await closesIn(closedFile)).toEqual(['closed 0', 'closed 1']);
  });

  it('when the job finishes', async () => {
    const closedFile = path.join(harness().dir, 'closed.txt');
    const job = harness().master(closingJob('finished', closedFile, { count: 200 }));
    await job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FINISHED');
    expect(await closesIn(closedFile)).toEqual(['closed 0', 'closed 1']);
  });

  it('on stop-with-savepoint and on a suspend (leadership lost)', async () => {
    const h = harness();
    const savepointFile = path.join(h.dir, 'closed-savepoint.txt');
    const stopped = await running(closingJob('stopped', savepointFile, {}));
    await stopped.stopWithSavepoint({ drain: false });
    await stopped.whenTerminated();
    expect(stopped.status).toBe('FINISHED');
    expect(await closesIn(savepointFile)).toEqual(['closed 0', 'closed 1']);

    const suspendFile = path.join(h.dir, 'closed-suspend.txt');
    const spec = closingJob('suspended', suspendFile, {});
    const suspended = await running(spec);
    await suspended.suspend();
    expect(suspended.status).toBe('SUSPENDED');
    expect(await closesIn(suspendFile)).toEqual(['closed 0', 'closed 1']);
  });

  it('does not wait longer than the grace for an operator that never closes', async () => {
    const closedFile = path.join(harness().dir, 'closed.txt');
    const job = await running(closingJob('hanging', closedFile, { hang: true }));
    const started = Date.now();
    await job.cancel();
    const took = Date.now() - started;
    expect(job.status).toBe('CANCELED');
    expect(took).toBeGreaterThanOrEqual(STOP_GRACE_MS - 100);
    expect(took).toBeLessThan(STOP_GRACE_MS + 3000);
    expect(await closesIn(closedFile)).toEqual([]);
  }, 20_000);
});
