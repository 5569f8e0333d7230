import {
  NO_SAVEPOINT_POLICY,
  type SavepointPolicy,
  type StoredSavepointPolicy,
} from '@weir/contract';
import type { Db } from './db-client.js';

/** A job on a cluster. */
export interface JobRef {
  clusterId: string;
  jobId: string;
}

/** Only the key: callers may pass a JobRef that carries more (a policy, say). */
const keyOf = ({ clusterId, jobId }: JobRef): JobRef => ({ clusterId, jobId });

/** Savepoint schedules and retention per job, and the savepoints kept from retention. */
export class SavepointPolicyRepository {
  constructor(private readonly prisma: Db) {}

  /** The job's policy; a job without one has no schedule and no retention. */
  async get(job: JobRef): Promise<StoredSavepointPolicy> {
    const row = await this.prisma.savepointPolicy.findUnique({
      where: { clusterId_jobId: keyOf(job) },
    });
    if (!row) return { ...NO_SAVEPOINT_POLICY, updatedBy: null, updatedAt: null };
    return {
      intervalMs: row.intervalMs,
      keepCount: row.keepCount,
      keepForMs: row.keepForMs === null ? null : Number(row.keepForMs),
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async set(job: JobRef, policy: SavepointPolicy, by: string, at: Date): Promise<void> {
    const row = {
      intervalMs: policy.intervalMs,
      keepCount: policy.keepCount,
      keepForMs: policy.keepForMs === null ? null : BigInt(policy.keepForMs),
      updatedBy: by,
      updatedAt: at,
    };
    await this.prisma.savepointPolicy.upsert({
      where: { clusterId_jobId: keyOf(job) },
      create: { ...keyOf(job), ...row },
      update: row,
    });
  }

  /** The jobs whose policy asks for anything. */
  async active(): Promise<Array<JobRef & { policy: SavepointPolicy }>> {
    const rows = await this.prisma.savepointPolicy.findMany({
      where: {
        OR: [
          { intervalMs: { not: null } },
          { keepCount: { not: null } },
          { keepForMs: { not: null } },
        ],
      },
      orderBy: [{ clusterId: 'asc' }, { jobId: 'asc' }],
    });
    return rows.map((row) => ({
      clusterId: row.clusterId,
      jobId: row.jobId,
      policy: {
        intervalMs: row.intervalMs,
        keepCount: row.keepCount,
        keepForMs: row.keepForMs === null ? null : Number(row.keepForMs),
      },
    }));
  }

  async keep(job: JobRef, checkpointId: number, by: string, at: Date): Promise<void> {
    await this.prisma.keptSavepoint.upsert({
      where: { clusterId_jobId_checkpointId: { ...keyOf(job), checkpointId } },
      create: { ...keyOf(job), checkpointId, keptBy: by, keptAt: at },
      update: {},
    });
  }

  async release(job: JobRef, checkpointId: number): Promise<void> {
    await this.prisma.keptSavepoint.deleteMany({ where: { ...keyOf(job), checkpointId } });
  }

  /** Who kept which of the job's savepoints, by checkpoint id. */
  async kept(job: JobRef): Promise<Map<number, string>> {
    const rows = await this.prisma.keptSavepoint.findMany({ where: keyOf(job) });
    return new Map(rows.map((row) => [row.checkpointId, row.keptBy]));
  }
}
