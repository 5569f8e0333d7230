import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../testing/test-database.js';
import { AuditRepository } from './audit-repository.js';
import { JobRepository } from './job-repository.js';
import { type Database, openDatabase } from './open-database.js';
import { SnapshotRepository } from './snapshot-repository.js';

const STATS = {
  subtasks: [{ vertexId: 'v', subtaskIndex: 0, ackMs: 12, alignmentMs: 3, syncMs: 1 }],
  straggler: { vertexId: 'v', subtaskIndex: 0, ackMs: 12 },
  asyncMs: 40,
  writtenBytes: 1024,
};

describe.each(databaseTargets)('repositories on $kind', (target) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let jobs: JobRepository;
  let snapshots: SnapshotRepository;
  let audit: AuditRepository;

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    db = await openDatabase(created.options);
    jobs = new JobRepository(db.prisma);
    snapshots = new SnapshotRepository(db.prisma);
    audit = new AuditRepository(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it('upserts jobs, updates their status and lists them', async () => {
    const spec = { parallelism: 2, graph: { operators: [{ uid: 'src', kind: 'datagen' }] } };
    const created = await jobs.upsertJob({
      id: 'clicks-per-user',
      name: 'Clicks',
      status: 'CREATED',
      spec,
    });
    expect(created).toMatchObject({
      id: 'clicks-per-user',
      name: 'Clicks',
      status: 'CREATED',
      spec,
    });
    expect(Date.parse(created.createdAt)).not.toBeNaN();

    await jobs.upsertJob({
      id: 'clicks-per-user',
      name: 'Clicks v2',
      status: 'CREATED',
      spec: { parallelism: 4 },
    });
    await jobs.upsertJob({ id: 'a-first', name: 'A', status: 'FINISHED', spec: {} });
    await jobs.setJobStatus('clicks-per-user', 'RUNNING');

    const listed = await jobs.listJobs();
    expect(listed.map((j) => [j.id, j.name, j.status, j.spec])).toEqual([
      ['a-first', 'A', 'FINISHED', {}],
      ['clicks-per-user', 'Clicks v2', 'RUNNING', { parallelism: 4 }],
    ]);
    expect(listed[1]?.createdAt).toBe(created.createdAt);
  });

  it('reports a status change for an unknown job as NOT_FOUND', async () => {
    await expect(jobs.setJobStatus('no-such-job', 'RUNNING')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('records the life of checkpoints and savepoints, sizes past 32 bits included', async () => {
    await jobs.upsertJob({ id: 'snap-job', name: 'Snap', status: 'RUNNING', spec: {} });
    const t0 = Date.parse('2026-11-21T10:00:00.000Z');
    const at = (s: number) => new Date(t0 + s * 1000);

    await snapshots.recordTriggered({
      jobId: 'snap-job',
      kind: 'CHECKPOINT',
      checkpointId: 1,
      triggeredAt: at(0),
    });
    await snapshots.recordCompleted({
      jobId: 'snap-job',
      kind: 'CHECKPOINT',
      checkpointId: 1,
      completedAt: at(2),
      durationMs: 2000,
      sizeBytes: 5n * 2n ** 30n, // 5 GiB: overflows INTEGER
      path: '/ckpt/snap-job/chk-1',
      stats: STATS,
    });
    await snapshots.recordTriggered({
      jobId: 'snap-job',
      kind: 'CHECKPOINT',
      checkpointId: 2,
      triggeredAt: at(10),
    });
    await snapshots.recordFailed({
      jobId: 'snap-job',
      kind: 'CHECKPOINT',
      checkpointId: 2,
      reason: 'CHECKPOINT_EXPIRED',
    });
    // Savepoints count separately, so id 1 again is fine.
    await snapshots.recordTriggered({
      jobId: 'snap-job',
      kind: 'SAVEPOINT',
      checkpointId: 1,
      triggeredAt: at(20),
    });

    expect(await snapshots.list({ jobId: 'snap-job', limit: 10 })).toEqual([
      {
        jobId: 'snap-job',
        checkpointId: 1,
        kind: 'SAVEPOINT',
        status: 'IN_PROGRESS',
        triggeredAt: '2026-11-21T10:00:20.000Z',
        durationMs: null,
        sizeBytes: null,
        path: null,
        failureReason: null,
        stats: null,
        disposedAt: null,
      },
      {
        jobId: 'snap-job',
        checkpointId: 2,
        kind: 'CHECKPOINT',
        status: 'FAILED',
        triggeredAt: '2026-11-21T10:00:10.000Z',
        durationMs: null,
        sizeBytes: null,
        path: null,
        failureReason: 'CHECKPOINT_EXPIRED',
        stats: null,
        disposedAt: null,
      },
      {
        jobId: 'snap-job',
        checkpointId: 1,
        kind: 'CHECKPOINT',
        status: 'COMPLETED',
        triggeredAt: '2026-11-21T10:00:00.000Z',
        durationMs: 2000,
        sizeBytes: 5 * 2 ** 30,
        path: '/ckpt/snap-job/chk-1',
        failureReason: null,
        stats: STATS,
        disposedAt: null,
      },
    ]);
    const checkpoints = await snapshots.list({ jobId: 'snap-job', kind: 'CHECKPOINT', limit: 1 });
    expect(checkpoints.map((s) => s.checkpointId)).toEqual([2]);
    // The savepoint still in progress is not a checkpoint, so it is not counted.
    expect(await snapshots.countByStatus({ jobId: 'snap-job', kind: 'CHECKPOINT' })).toEqual({
      completed: 1,
      failed: 1,
      inProgress: 0,
    });
    expect(await snapshots.countByStatus({ jobId: 'snap-job', kind: 'SAVEPOINT' })).toEqual({
      completed: 0,
      failed: 0,
      inProgress: 1,
    });
  });

  it('turns duplicate triggers, unknown jobs and unknown snapshots into domain errors', async () => {
    await jobs.upsertJob({ id: 'dup-job', name: 'Dup', status: 'RUNNING', spec: {} });
    const ref = { jobId: 'dup-job', kind: 'CHECKPOINT', checkpointId: 7 } as const;
    await snapshots.recordTriggered({ ...ref, triggeredAt: new Date() });
    await expect(
      snapshots.recordTriggered({ ...ref, triggeredAt: new Date() }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      snapshots.recordTriggered({ ...ref, jobId: 'no-such-job', triggeredAt: new Date() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      snapshots.recordFailed({ ...ref, checkpointId: 8, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps an audit trail, newest first, filterable by job', async () => {
    const entry = {
      actor: 'anonymous',
      action: 'savepoints.trigger',
      jobId: 'audit-job',
      params: { jobId: 'audit-job', nested: { n: 1 } },
      result: 'ok',
      message: null,
      durationMs: 12,
      sourceAddress: '127.0.0.1',
    } as const;
    await audit.record(entry);
    await audit.record({
      ...entry,
      action: 'jobs.cancel',
      result: 'error',
      message: 'not running',
      params: undefined,
    });
    await audit.record({
      ...entry,
      jobId: null,
      action: 'cluster.failover',
      params: { epoch: 3n },
    });

    const all = await audit.list({ limit: 10 });
    expect(all.map((r) => [r.action, r.params])).toEqual([
      ['cluster.failover', { epoch: '3' }],
      ['jobs.cancel', {}],
      ['savepoints.trigger', entry.params],
    ]);
    expect(all[1]).toMatchObject({
      result: 'error',
      message: 'not running',
      jobId: 'audit-job',
      durationMs: 12,
    });
    expect(Date.parse(all[0]?.at ?? '')).not.toBeNaN();

    const forJob = await audit.list({ limit: 1, jobId: 'audit-job' });
    expect(forJob.map((r) => r.action)).toEqual(['jobs.cancel']);
  });
});
