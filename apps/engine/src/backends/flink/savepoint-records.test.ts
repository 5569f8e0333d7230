import type { Snapshot } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { MemorySavepointStore, SavepointRecords } from './savepoint-records.js';

const JOB = '34cc9bc68c7d8718cb00a80a39d1b085';
const savepoint = (checkpointId: number, status: Snapshot['status'] = 'COMPLETED'): Snapshot => ({
  jobId: JOB,
  checkpointId,
  kind: 'SAVEPOINT',
  status,
  triggeredAt: new Date(1_796_509_615_182 + checkpointId).toISOString(),
  durationMs: status === 'COMPLETED' ? 72 : null,
  sizeBytes: status === 'COMPLETED' ? 737_056 : null,
  path: status === 'COMPLETED' ? `file:/sp/savepoint-${checkpointId}` : null,
  failureReason: null,
  discarded: false,
});

describe('SavepointRecords', () => {
  it('keeps completed savepoints listed after Flink no longer shows them, newest first', async () => {
    const records = new SavepointRecords(new MemorySavepointStore());
    expect(await records.merge(JOB, [savepoint(145)], 10)).toEqual([savepoint(145)]);
    expect(await records.merge(JOB, [savepoint(205)], 10)).toEqual([
      savepoint(205),
      savepoint(145),
    ]);
    expect(await records.merge(JOB, [], 1)).toEqual([savepoint(205)]);
    expect(await records.find(JOB, 145)).toEqual(savepoint(145));
    expect(await records.at(JOB, 'file:/sp/savepoint-145')).toEqual(savepoint(145));
    expect(await records.at(JOB, 'file:/sp/elsewhere')).toBeUndefined();
  });

  it('does not keep one in progress: it may end while out of view', async () => {
    const records = new SavepointRecords(new MemorySavepointStore());
    expect(await records.merge(JOB, [savepoint(300, 'IN_PROGRESS')], 10)).toHaveLength(1);
    expect(await records.merge(JOB, [], 10)).toEqual([]);
  });

  it('marks a disposal and keeps it when Flink lists the savepoint again', async () => {
    const records = new SavepointRecords(new MemorySavepointStore());
    const disposed = await records.markDisposed(savepoint(145), new Date('2026-12-05T22:30:00Z'));
    expect(disposed.disposedAt).toBe('2026-12-05T22:30:00.000Z');
    const [listed] = await records.merge(JOB, [savepoint(145)], 10);
    expect(listed?.disposedAt).toBe('2026-12-05T22:30:00.000Z');
    expect((await records.remember(savepoint(145))).disposedAt).toBe('2026-12-05T22:30:00.000Z');
  });

  it('forgets the oldest savepoints of a job past its bound', async () => {
    const records = new SavepointRecords(new MemorySavepointStore());
    await records.merge(
      JOB,
      Array.from({ length: 101 }, (_, i) => savepoint(i + 1)),
      200,
    );
    expect(await records.find(JOB, 1)).toBeUndefined();
    expect(await records.find(JOB, 101)).toBeDefined();
  });
});
