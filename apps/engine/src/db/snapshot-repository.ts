import type { Prisma, PrismaClient } from '@prisma/client';
import type { CheckpointCounts, CheckpointStats, Snapshot, SnapshotKind } from '@weir/contract';
import { conflict, notFound } from '../errors/weir-error.js';
import { isDbFailure } from './db-errors.js';

const snapshotSelect = {
  jobId: true,
  checkpointId: true,
  kind: true,
  status: true,
  triggeredAt: true,
  durationMs: true,
  sizeBytes: true,
  path: true,
  failureReason: true,
  stats: true,
  disposedAt: true,
} satisfies Prisma.SnapshotSelect;

export interface SnapshotRef {
  jobId: string;
  kind: SnapshotKind;
  checkpointId: number;
}

/** Checkpoint and savepoint history: one row per trigger, updated when it ends. */
export class SnapshotRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async recordTriggered(input: SnapshotRef & { triggeredAt: Date }): Promise<void> {
    try {
      await this.prisma.snapshot.create({
        data: { ...input, status: 'IN_PROGRESS' },
        select: { id: true },
      });
    } catch (error) {
      if (isDbFailure(error, 'uniqueViolation')) {
        throw conflict(`${describe(input)} was already triggered`);
      }
      if (isDbFailure(error, 'foreignKeyViolation')) throw notFound(`job ${input.jobId}`);
      throw error;
    }
  }

  async recordCompleted(
    input: SnapshotRef & {
      completedAt: Date;
      durationMs: number;
      sizeBytes: number | bigint;
      path: string;
      stats?: CheckpointStats;
    },
  ): Promise<void> {
    const { completedAt, durationMs, sizeBytes, path, stats } = input;
    await this.finish(input, {
      status: 'COMPLETED',
      completedAt,
      durationMs,
      sizeBytes: BigInt(sizeBytes),
      path,
      stats: stats as Prisma.InputJsonValue | undefined,
    });
  }

  async markDisposed(ref: SnapshotRef, at: Date): Promise<void> {
    await this.finish(ref, { disposedAt: at });
  }

  async recordFailed(input: SnapshotRef & { reason: string }): Promise<void> {
    await this.finish(input, { status: 'FAILED', failureReason: input.reason });
  }

  /** Failed checkpoints of a job triggered since `since`: the checkpoint-failures alert signal. */
  countFailedCheckpoints(jobId: string, since: Date): Promise<number> {
    return this.prisma.snapshot.count({
      where: { jobId, kind: 'CHECKPOINT', status: 'FAILED', triggeredAt: { gte: since } },
    });
  }

  /** Newest first, both kinds unless `kind` narrows it. */
  async list(query: {
    jobId: string;
    kind?: SnapshotKind;
    limit: number;
    checkpointId?: number;
  }): Promise<Snapshot[]> {
    const rows = await this.prisma.snapshot.findMany({
      where: { jobId: query.jobId, kind: query.kind, checkpointId: query.checkpointId },
      orderBy: [{ triggeredAt: 'desc' }, { checkpointId: 'desc' }],
      take: query.limit,
      select: snapshotSelect,
    });
    return rows.map((row) => ({
      ...row,
      triggeredAt: row.triggeredAt.toISOString(),
      // Number is exact up to 8 PiB, far beyond any one snapshot.
      sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
      // Written only by recordCompleted, always in CheckpointStats' shape.
      stats: row.stats as CheckpointStats | null,
      disposedAt: row.disposedAt?.toISOString() ?? null,
    }));
  }

  async countByStatus(query: { jobId: string; kind: SnapshotKind }): Promise<CheckpointCounts> {
    const groups = await this.prisma.snapshot.groupBy({
      by: ['status'],
      where: query,
      _count: { _all: true },
    });
    const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
    return {
      completed: count('COMPLETED'),
      failed: count('FAILED'),
      inProgress: count('IN_PROGRESS'),
    };
  }

  /** One checkpoint or savepoint with its statistics, or null when there is none. */
  async get(ref: SnapshotRef): Promise<Snapshot | null> {
    const rows = await this.list({
      jobId: ref.jobId,
      kind: ref.kind,
      limit: 1,
      checkpointId: ref.checkpointId,
    });
    return rows[0] ?? null;
  }

  private async finish(ref: SnapshotRef, data: Prisma.SnapshotUpdateInput): Promise<void> {
    try {
      await this.prisma.snapshot.update({
        where: {
          jobId_kind_checkpointId: {
            jobId: ref.jobId,
            kind: ref.kind,
            checkpointId: ref.checkpointId,
          },
        },
        data,
        select: { id: true },
      });
    } catch (error) {
      if (isDbFailure(error, 'recordNotFound')) throw notFound(describe(ref));
      throw error;
    }
  }
}

function describe(ref: SnapshotRef): string {
  return `${ref.kind.toLowerCase()} ${ref.checkpointId} of job ${ref.jobId}`;
}
