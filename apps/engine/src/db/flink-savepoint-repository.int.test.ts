import type { Snapshot } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../testing/shared-database.js';
import { SAVEPOINTS_PER_JOB, SavepointRecords } from '../backends/flink/savepoint-records.js';
import { FlinkSavepointRepository } from './flink-savepoint-repository.js';

const JOB = '34cc9bc68c7d8718cb00a80a39d1b085';
const savepoint = (checkpointId: number): Snapshot => ({
  jobId: JOB,
  checkpointId,
  kind: 'SAVEPOINT',
  status: 'COMPLETED',
  triggeredAt: new Date(1_796_509_615_182 + checkpointId).toISOString(),
  durationMs: 72,
  sizeBytes: 737_056,
  path: `file:/sp/savepoint-${checkpointId}`,
  failureReason: null,
});

// A savepoint drops out of Flink's history within a few checkpoints; whichever engine instance
// leads next must still list it, with its disposal, and nothing else of another cluster's.
describe('FlinkSavepointRepository', () => {
  const dbs = sharedDatabase();

  it('lists on another instance what one saw, disposals marked, per cluster', async () => {
    const seen = new SavepointRecords(
      new FlinkSavepointRepository(dbs().first.prisma).forCluster('prod', SAVEPOINTS_PER_JOB),
    );
    await seen.merge(JOB, [savepoint(7), savepoint(12)], 10);
    await seen.markDisposed(savepoint(7), new Date('2026-12-06T01:00:00Z'));

    const repository = new FlinkSavepointRepository(dbs().second.prisma);
    const elsewhere = new SavepointRecords(repository.forCluster('prod', SAVEPOINTS_PER_JOB));
    // Flink's history has moved on: neither is listed by it any more.
    expect(await elsewhere.merge(JOB, [], 10)).toEqual([
      savepoint(12),
      { ...savepoint(7), disposedAt: '2026-12-06T01:00:00.000Z' },
    ]);
    expect(await elsewhere.at(JOB, 'file:/sp/savepoint-12')).toEqual(savepoint(12));
    expect(await repository.forCluster('staging', SAVEPOINTS_PER_JOB).ofJob(JOB)).toEqual([]);

    await repository.removeCluster('prod');
    expect(await seen.merge(JOB, [], 10)).toEqual([]);
  });

  it("keeps a job's newest 100", async () => {
    const store = new FlinkSavepointRepository(dbs().first.prisma).forCluster(
      'bounded',
      SAVEPOINTS_PER_JOB,
    );
    await store.save(
      JOB,
      Array.from({ length: 105 }, (_, i) => savepoint(i + 1)),
    );
    const kept = await store.ofJob(JOB);
    expect(kept.map((s) => s.checkpointId)).toEqual(Array.from({ length: 100 }, (_, i) => 105 - i));
  });
});
