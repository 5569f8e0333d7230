import { sampleJobSpec } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../testing/shared-database.js';
import { JobVersionRepository } from './job-version-repository.js';

const spec = sampleJobSpec({ ratePerSecond: 10, seed: 1, checkpointIntervalMs: 1000 });
const version = (author: string) => ({
  jobId: spec.id,
  spec,
  author,
  comment: null,
  origin: 'upgrade' as const,
  rollbackOf: null,
  startedFrom: '/sp/clicks-per-user/savepoint-7',
});

// Versions live in the database: whichever instance leads next lists the same history, and
// two instances recording at once still number them 1, 2, 3 without a gap or a repeat.
describe('JobVersionRepository', () => {
  const dbs = sharedDatabase();

  it('numbers versions per job, lists them newest first elsewhere, and marks a rollback', async () => {
    const one = new JobVersionRepository(dbs().first.prisma);
    const other = new JobVersionRepository(dbs().second.prisma);
    const at = new Date('2026-12-06T02:00:00Z');
    const recorded = await Promise.all([
      one.add(version('alice'), at),
      other.add(version('bob'), at),
      one.add(version('carol'), at),
    ]);
    expect(recorded.map((v) => v.version).sort()).toEqual([1, 2, 3]);

    await one.markRolledBack(spec.id, 3, 'it ended FAILED', new Date('2026-12-06T02:01:00Z'));
    const listed = await other.list(spec.id);
    expect(listed.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(listed[0]).toMatchObject({
      spec,
      startedFrom: '/sp/clicks-per-user/savepoint-7',
      createdAt: '2026-12-06T02:00:00.000Z',
      rolledBack: { at: '2026-12-06T02:01:00.000Z', reason: 'it ended FAILED' },
    });
    expect((await other.get(spec.id, 2))?.rolledBack).toBeNull();
    expect(await other.get(spec.id, 4)).toBeUndefined();
    expect(await other.list('another-job')).toEqual([]);
  });

  it('records a first version once, however many instances try at the same time', async () => {
    const one = new JobVersionRepository(dbs().first.prisma);
    const other = new JobVersionRepository(dbs().second.prisma);
    const first = { ...version('engine'), jobId: 'raced-job' };
    const at = new Date('2026-12-06T03:00:00Z');
    const answers = await Promise.all([one.addFirst(first, at), other.addFirst(first, at)]);
    expect(answers.map((v) => v.version)).toEqual([1, 1]);
    expect(await one.list('raced-job')).toHaveLength(1);
    // Once the job has versions, it records nothing and answers the newest.
    await one.add({ ...first, author: 'bob' }, at);
    expect((await other.addFirst(first, at)).version).toBe(2);
    expect(await one.list('raced-job')).toHaveLength(2);
  });
});
