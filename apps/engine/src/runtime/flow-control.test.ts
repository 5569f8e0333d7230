import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { MasterHarness } from '../../testing/master-harness.js';
import { waitFor } from '../../testing/wait-for.js';

const current = MasterHarness.perTest();

describe('flow control', () => {
  it('a slow sink backpressures its producers: bounded queues, no record lost', async () => {
    const records = 6000;
    const countFile = path.join(current().dir, 'count.txt');
    const job = current().master(
      JobSpecSchema.parse({
        id: 'slow-sink',
        name: 'slow sink',
        parallelism: 2,
        checkpointing: { intervalMs: 3_600_000 },
        operators: [
          {
            uid: 'clicks',
            kind: 'datagen',
            config: {
              seed: 3,
              ratePerSecond: 1_000_000,
              throttle: false,
              count: records,
              startTime: 0,
            },
          },
          { uid: 'parse', kind: 'parse-json' },
          {
            uid: 'slow',
            kind: 'custom',
            parallelism: 1,
            config: { module: 'slow-sink', config: { delayMs: 0.5, countFile } },
          },
        ],
        edges: [
          { from: 'clicks', to: 'parse' },
          { from: 'parse', to: 'slow', partitioning: 'rebalance' },
        ],
      }),
      // 4 batches of 512 in flight per channel: the job's 6,000 records are several windows'
      // worth (at the default for 2 slots, 16, they would all fit in flight).
      { credits: 4 },
    );
    await job.start({ restore: null, firstCheckpointId: 1 });
    const maxQueueFill = { input: 0, output: 0 };
    await waitFor(
      'the source to report backpressure above 0.5 and the sink busy above 0.8',
      () => {
        const [source, sink] = job.observed.vertices();
        for (const s of sink?.subtasks ?? [])
          maxQueueFill.input = Math.max(maxQueueFill.input, s.inputQueueFill);
        for (const s of source?.subtasks ?? [])
          maxQueueFill.output = Math.max(maxQueueFill.output, s.outputQueueFill);
        return (
          (source?.metrics.backpressuredRatio ?? 0) > 0.5 && (sink?.metrics.busyRatio ?? 0) > 0.8
        );
      },
      30_000,
      100,
    );
    // Credit-based flow control: no queue ever holds more than it was granted.
    expect(maxQueueFill.input).toBeLessThanOrEqual(1);
    expect(maxQueueFill.output).toBeLessThanOrEqual(1);
    await job.whenTerminated();
    expect(job.status).toBe('FINISHED');
    const malformed = job.observed.vertices()[0]?.metrics.deadLetters ?? 0;
    expect(Number((await readFile(countFile, 'utf8')).trim())).toBe(records - malformed);
  });
});
