import type { PrismaClient } from '@prisma/client';
import type { JobEvent, JobTimelineInput } from '@weir/contract';

/** An event as recorded: the database gives it its id. */
export type NewJobEvent = Omit<
  JobEvent,
  'id' | 'at' | 'vertexId' | 'subtaskIndex' | 'stack' | 'auditId'
> &
  Partial<Pick<JobEvent, 'vertexId' | 'subtaskIndex' | 'stack' | 'auditId'>> & { at: Date };

/** Jobs' timelines (model JobEvent): appended by the leader, read by any instance. */
export class JobEventRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async append(events: NewJobEvent[]): Promise<void> {
    await this.prisma.jobEvent.createMany({
      data: events.map((e) => ({
        at: e.at,
        jobId: e.jobId,
        kind: e.kind,
        message: e.message,
        instanceId: e.instanceId,
        vertexId: e.vertexId ?? null,
        subtaskIndex: e.subtaskIndex ?? null,
        stack: e.stack ?? null,
        auditId: e.auditId ?? null,
      })),
    });
  }

  /** Newest first. */
  async list(query: JobTimelineInput): Promise<JobEvent[]> {
    const rows = await this.prisma.jobEvent.findMany({
      where: {
        jobId: query.jobId,
        ...(query.kinds ? { kind: { in: query.kinds } } : {}),
        ...(query.beforeId ? { id: { lt: query.beforeId } } : {}),
      },
      orderBy: { id: 'desc' },
      take: query.limit,
    });
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }) as JobEvent);
  }

  /** Drops events recorded before `before`; returns how many. */
  async pruneBefore(before: Date): Promise<number> {
    const { count } = await this.prisma.jobEvent.deleteMany({ where: { at: { lt: before } } });
    return count;
  }
}
