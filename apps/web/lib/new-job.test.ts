import { JobIdSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { asNewJob } from './new-job';

describe('asNewJob', () => {
  it('suffixes the id and the name, keeping the rest of the spec', () => {
    const spec = { id: 'clicks-per-user', name: 'Clicks per user', parallelism: 2 };
    expect(asNewJob(spec, 'a1b2c3')).toEqual({
      id: 'clicks-per-user-a1b2c3',
      name: 'Clicks per user (a1b2c3)',
      parallelism: 2,
    });
  });

  it('keeps a long id within the limit, without a dash before the suffix doubled', () => {
    const id = `${'a'.repeat(56)}-${'b'.repeat(7)}`;
    const renamed = asNewJob({ id, name: 'Long' }, 'a1b2c3');
    expect(renamed.id).toBe(`${'a'.repeat(56)}-a1b2c3`);
    expect(JobIdSchema.safeParse(renamed.id).success).toBe(true);
  });

  it('draws a different suffix each time', () => {
    const spec = { id: 'clicks', name: 'Clicks' };
    expect(asNewJob(spec).id).toMatch(/^clicks-[0-9a-f]{6}$/);
    expect(asNewJob(spec).id).not.toBe(asNewJob(spec).id);
  });
});
