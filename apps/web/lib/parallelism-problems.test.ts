import { describe, expect, it } from 'vitest';
import { parallelismProblems } from './parallelism-problems';

const job = { id: 'clicks', maxParallelism: 128 };

describe('parallelismProblems', () => {
  it('takes a whole number from 1 to the job maximum', () => {
    expect(parallelismProblems(job, 1)).toEqual([]);
    expect(parallelismProblems(job, 128)).toEqual([]);
  });

  it.each([0, 2.5, Number.NaN, 129])('refuses %s, naming the parallelism', (value) => {
    const problems = parallelismProblems(job, value);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.field === 'parallelism')).toBe(true);
  });

  it('has no ceiling of its own when the cluster reports no maximum', () => {
    expect(parallelismProblems({ id: 'clicks', maxParallelism: null }, 4096)).toEqual([]);
    expect(parallelismProblems({ id: 'clicks', maxParallelism: null }, 0)).not.toEqual([]);
  });
});
