import { Prisma, type PrismaClient, type JobVersion as Row } from '@prisma/client';
import { type JobSpec, type JobVersion, JobVersionSchema } from '@weir/contract';

/** A version to record, as the backend hands it over (NewJobVersion). */
export interface VersionToRecord {
  jobId: string;
  spec: JobSpec;
  author: string;
  comment: string | null;
  origin: JobVersion['origin'];
  rollbackOf: number | null;
  startedFrom: string | null;
}

/** Attempts at numbering a version when another instance numbered the same one first. */
const NUMBERING_ATTEMPTS = 3;

/** Every spec a job ran (model JobVersion), numbered per job. */
export class JobVersionRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async add(version: VersionToRecord, at: Date): Promise<JobVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await this.prisma.$transaction(async (tx) => {
          const newest = await tx.jobVersion.aggregate({
            where: { jobId: version.jobId },
            _max: { version: true },
          });
          return tx.jobVersion.create({
            data: {
              ...version,
              spec: version.spec as Prisma.InputJsonValue,
              version: (newest._max.version ?? 0) + 1,
              createdAt: at,
            },
          });
        });
        return jobVersion(row);
      } catch (error) {
        const taken =
          error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
        if (!taken || attempt >= NUMBERING_ATTEMPTS) throw error;
      }
    }
  }

  /** Version 1 unless the job has one: the primary key makes a second insert a no-op. */
  async addFirst(version: VersionToRecord, at: Date): Promise<JobVersion> {
    const data = {
      ...version,
      spec: version.spec as Prisma.InputJsonValue,
      version: 1,
      createdAt: at,
    };
    await this.prisma.jobVersion.createMany({ data: [data], skipDuplicates: true });
    const [newest] = await this.list(version.jobId);
    if (!newest) throw new Error(`job ${version.jobId} has no version after recording one`);
    return newest;
  }

  async list(jobId: string): Promise<JobVersion[]> {
    const rows = await this.prisma.jobVersion.findMany({
      where: { jobId },
      orderBy: { version: 'desc' },
    });
    return rows.map(jobVersion);
  }

  async get(jobId: string, version: number): Promise<JobVersion | undefined> {
    const row = await this.prisma.jobVersion.findUnique({
      where: { jobId_version: { jobId, version } },
    });
    return row ? jobVersion(row) : undefined;
  }

  async markRolledBack(jobId: string, version: number, reason: string, at: Date): Promise<void> {
    await this.prisma.jobVersion.updateMany({
      where: { jobId, version },
      data: { rolledBackAt: at, rollbackReason: reason },
    });
  }
}

function jobVersion(row: Row): JobVersion {
  return JobVersionSchema.parse({
    jobId: row.jobId,
    version: row.version,
    spec: row.spec,
    author: row.author,
    comment: row.comment,
    createdAt: row.createdAt.toISOString(),
    origin: row.origin,
    rollbackOf: row.rollbackOf,
    startedFrom: row.startedFrom,
    rolledBack:
      row.rolledBackAt && row.rollbackReason !== null
        ? { at: row.rolledBackAt.toISOString(), reason: row.rollbackReason }
        : null,
  });
}
