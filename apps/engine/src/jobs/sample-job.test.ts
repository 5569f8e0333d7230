import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { sampleJobSpec } from './sample-job.js';

describe('the typed job builder', () => {
  it('produces exactly the JSON of the same job written by hand', () => {
    const built = sampleJobSpec({ ratePerSecond: 100, seed: 9, checkpointIntervalMs: 1000 });
    const handWritten = JobSpecSchema.parse({
      id: 'clicks-per-user',
      name: 'Clicks per user (10 s windows)',
      parallelism: 2,
      maxParallelism: 128,
      checkpointing: { intervalMs: 1000, retained: 3 },
      operators: [
        {
          uid: 'clicks',
          kind: 'datagen',
          config: { seed: 9, ratePerSecond: 100, users: 500, malformedRatio: 0.001 },
        },
        { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
        {
          uid: 'count-per-user',
          kind: 'tumbling-count',
          config: { keyField: 'user', timeField: 'ts', sizeMs: 10_000 },
        },
        { uid: 'discard', kind: 'blackhole' },
        { uid: 'recent', kind: 'recent-results', config: { capacity: 500 } },
      ],
      edges: [
        { from: 'clicks', to: 'parse', partitioning: 'forward' },
        { from: 'parse', to: 'count-per-user', partitioning: 'hash', keyField: 'user' },
        { from: 'count-per-user', to: 'discard', partitioning: 'forward' },
        { from: 'count-per-user', to: 'recent', partitioning: 'forward' },
      ],
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(handWritten));
  });
});
