import { describe, expect, it } from 'vitest';
import { RescaleRequestSchema, RestoreRequestSchema } from './checkpoint.js';

describe('per-operator parallelism in requests', () => {
  it.each([
    ['rescale', RescaleRequestSchema, { jobId: 'job-a' }],
    ['restore', RestoreRequestSchema, { jobId: 'job-a', snapshotPath: 'sp' }],
  ])('refuses a "__proto__" operator in a %s, naming the field', (_, schema, base) => {
    // As a request body arrives: JSON.parse makes "__proto__" an own key.
    const input = { ...base, vertexParallelism: JSON.parse('{"__proto__": 2, "count": 3}') };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['vertexParallelism'],
        message: 'no operator with uid "__proto__"',
      }),
    ]);
  });

  it('keeps ordinary operator names', () => {
    const input = { jobId: 'job-a', vertexParallelism: { count: 3, constructor: 2 } };
    expect(RescaleRequestSchema.parse(input).vertexParallelism).toEqual({
      count: 3,
      constructor: 2,
    });
  });
});
