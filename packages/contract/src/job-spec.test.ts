import { describe, expect, it } from 'vitest';
import { problemsOf } from './input-problems.js';
import { sampleJobSpec } from './job-examples.js';
import { JobSpecSchema } from './job-spec.js';

describe('JobSpecSchema', () => {
  it('refuses an edge into a source, naming the edge', () => {
    const spec = sampleJobSpec({ ratePerSecond: 10, seed: 1, checkpointIntervalMs: 1000 });
    const looped = { ...spec, edges: [...spec.edges, { from: 'count-per-user', to: 'clicks' }] };
    const result = JobSpecSchema.safeParse(looped);
    expect(result.success).toBe(false);
    expect(problemsOf(result.error as never)).toContainEqual({
      field: `edges.${spec.edges.length}.to`,
      message: '"clicks" is a source (datagen): it reads from outside the job and takes no input',
    });
  });
});
