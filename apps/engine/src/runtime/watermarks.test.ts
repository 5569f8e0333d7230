import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { MasterHarness } from '../../testing/master-harness.js';
import { waitFor } from '../../testing/wait-for.js';

const current = MasterHarness.perTest();

/**
 * Two sources into one union. Datagen event time follows wall time from its start time, so
 * "busy" runs ~1000 s of event time ahead of "quiet", which emits one record every 5 s.
 */
const BUSY_START = 1_000_000;

function unionSpec(sourceIdleTimeoutMs: number | undefined) {
  return JobSpecSchema.parse({
    id: 'quiet-source',
    name: 'quiet source',
    parallelism: 1,
    checkpointing: { intervalMs: 3_600_000 },
    sourceIdleTimeoutMs,
    operators: [
      {
        uid: 'busy',
        kind: 'datagen',
        config: {
          seed: 1,
          ratePerSecond: 20_000,
          splits: 1,
          startTime: BUSY_START,
          maxOutOfOrdernessMs: 100,
        },
      },
      {
        uid: 'quiet',
        kind: 'datagen',
        config: { seed: 2, ratePerSecond: 0.2, splits: 1, startTime: 0, maxOutOfOrdernessMs: 100 },
      },
      { uid: 'parse-busy', kind: 'parse-json' },
      { uid: 'parse-quiet', kind: 'parse-json' },
      { uid: 'both', kind: 'union' },
      {
        uid: 'count',
        kind: 'tumbling-count',
        config: { keyField: 'user', timeField: 'ts', sizeMs: 1000 },
      },
      { uid: 'recent', kind: 'recent-results' },
    ],
    edges: [
      { from: 'busy', to: 'parse-busy' },
      { from: 'quiet', to: 'parse-quiet' },
      { from: 'parse-busy', to: 'both' },
      { from: 'parse-quiet', to: 'both' },
      { from: 'both', to: 'count', partitioning: 'hash', keyField: 'user' },
      { from: 'count', to: 'recent' },
    ],
  });
}

describe('watermarks', () => {
  it('an idle source stops holding back event time once its idle timeout passes', async () => {
    const job = current().master(unionSpec(300));
    await job.start({ restore: null, firstCheckpointId: 1 });
    // Only with the quiet source marked idle can the union's watermark reach the busy
    // source's event time (the minimum over inputs would otherwise be the quiet one's).
    await waitFor(
      'window results and a union watermark following the busy source',
      () =>
        job.observed.recentResults().length > 0 &&
        (job.observed.vertices().find((v) => v.id === 'both')?.metrics.watermark ?? 0) > BUSY_START,
      20_000,
      100,
    );
    expect(job.status).toBe('RUNNING');
  });
});
