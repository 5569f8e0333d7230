import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { failingJob } from '../../testing/failing-job.js';
import { MasterHarness } from '../../testing/master-harness.js';

const current = MasterHarness.perTest();

describe('failure handling', () => {
  it('an operator that keeps failing is restarted as configured, then the job fails with every failure on record', async () => {
    const job = current().master(failingJob('failing'));
    await job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FAILED');
    expect(job.restarts).toBe(3);
    const failures = job.exceptions.toArray().filter((e) => e.message === 'boom at record 100');
    expect(failures).toHaveLength(4);
    expect(
      failures.every(
        (e) => e.vertexId === 'flaky' && e.subtaskIndex === 0 && e.stack?.includes('boom'),
      ),
    ).toBe(true);
    expect(job.exceptions.toArray().at(-1)?.message).toMatch(/^not restarting: failed 4 times/);
  });

  it('a user function failing on most records fails the job once dead letters pass the limit', async () => {
    const job = current().master(
      JobSpecSchema.parse({
        id: 'bad-filter',
        name: 'bad filter',
        checkpointing: { intervalMs: 3_600_000 },
        restartStrategy: { type: 'fixed-delay', attempts: 1, delayMs: 10 },
        deadLetterLimitPerMinute: 100,
        operators: [
          {
            uid: 'clicks',
            kind: 'datagen',
            config: {
              seed: 3,
              ratePerSecond: 1_000_000,
              throttle: false,
              count: 10_000,
              startTime: 0,
            },
          },
          { uid: 'parse', kind: 'parse-json' },
          // A filter whose expression yields a string, not a bool: every record is a dead letter.
          { uid: 'bad', kind: 'filter', config: { expression: 'record.user' } },
          { uid: 'sink', kind: 'blackhole' },
        ],
        edges: [
          { from: 'clicks', to: 'parse' },
          { from: 'parse', to: 'bad' },
          { from: 'bad', to: 'sink' },
        ],
      }),
    );
    await job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FAILED');
    expect(job.restarts).toBe(1);
    const failures = job.exceptions
      .toArray()
      .filter((e) => e.message.startsWith('more than 100 dead letters within a minute'));
    expect(failures).toHaveLength(2);
  });
});

describe('checkpoint failures', () => {
  it('checkpoints stuck behind a slow sink time out, and past the tolerated count the job fails over', async () => {
    const job = current().master(
      JobSpecSchema.parse({
        id: 'slow-checkpoints',
        name: 'slow checkpoints',
        // Barriers queue behind a long backlog for the slow sink: no checkpoint can finish in 150 ms.
        checkpointing: { intervalMs: 200, timeoutMs: 150, tolerableFailures: 1 },
        restartStrategy: { type: 'none' },
        operators: [
          {
            uid: 'clicks',
            kind: 'datagen',
            config: { seed: 3, ratePerSecond: 1_000_000, throttle: false, startTime: 0 },
          },
          {
            uid: 'slow',
            kind: 'custom',
            config: {
              module: 'slow-sink',
              config: { delayMs: 1, countFile: `${current().dir}/count.txt` },
            },
          },
        ],
        edges: [{ from: 'clicks', to: 'slow', partitioning: 'rebalance' }],
      }),
    );
    await job.start({ restore: null, firstCheckpointId: 1 });
    await job.whenTerminated();
    expect(job.status).toBe('FAILED');
    const failed = current().history.rows.filter(
      (r) => r.kind === 'CHECKPOINT' && r.status === 'FAILED',
    );
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.every((r) => r.failureReason === 'TIMEOUT')).toBe(true);
    expect(
      job.exceptions
        .toArray()
        .some((e) =>
          e.message.startsWith(
            '2 consecutive checkpoint failures exceed the 1 tolerated (last: TIMEOUT)',
          ),
        ),
    ).toBe(true);
  });
});
