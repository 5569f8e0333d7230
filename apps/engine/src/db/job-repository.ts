import type { Prisma, PrismaClient } from '@prisma/client';
import { notFound } from '../errors/weir-error.js';
import { isDbFailure } from './db-errors.js';

const jobSelect = {
  id: true,
  name: true,
  status: true,
  spec: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.JobSelect;

export interface JobRecord {
  id: string;
  name: string;
  status: string;
  spec: Prisma.JsonValue;
  createdAt: string;
  updatedAt: string;
}

export interface UpsertJobInput {
  id: string;
  name: string;
  status: string;
  /** A JobSpec in practice; any JSON object is stored as given. */
  spec: object;
}

export class JobRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Submitting a job again under the same id replaces its name, status and spec. */
  async upsertJob(input: UpsertJobInput): Promise<JobRecord> {
    // Specs are JSON by construction (JobSpec's zod schema admits only JSON values); Prisma's
    // JSON input type cannot see that through optional fields.
    const spec = input.spec as unknown as Prisma.InputJsonValue;
    const fields = { name: input.name, status: input.status, spec };
    const row = await this.prisma.job.upsert({
      where: { id: input.id },
      create: { id: input.id, ...fields },
      update: fields,
      select: jobSelect,
    });
    return toRecord(row);
  }

  async setJobStatus(id: string, status: string): Promise<void> {
    try {
      await this.prisma.job.update({ where: { id }, data: { status }, select: { id: true } });
    } catch (error) {
      if (isDbFailure(error, 'recordNotFound')) throw notFound(`job ${id}`);
      throw error;
    }
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.job.count({ where: { id } })) > 0;
  }

  /** As the leader last recorded them: what a standby can say about the cluster's jobs. */
  async counts(): Promise<{ running: number; total: number }> {
    const [running, total] = await Promise.all([
      this.prisma.job.count({ where: { status: 'RUNNING' } }),
      this.prisma.job.count(),
    ]);
    return { running, total };
  }

  async listJobs(): Promise<JobRecord[]> {
    const rows = await this.prisma.job.findMany({ select: jobSelect, orderBy: { id: 'asc' } });
    return rows.map(toRecord);
  }
}

function toRecord(row: Prisma.JobGetPayload<{ select: typeof jobSelect }>): JobRecord {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
