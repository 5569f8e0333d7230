import type { Prisma, PrismaClient } from '@prisma/client';
import type { AuditEntry, AuditLog } from '../api/context.js';

const auditSelect = {
  id: true,
  at: true,
  actor: true,
  action: true,
  jobId: true,
  params: true,
  result: true,
  message: true,
  durationMs: true,
  sourceAddress: true,
} satisfies Prisma.AuditEventSelect;

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

/** The audit trail of mutating API calls, kept in the database. */
export class AuditRepository implements AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.prisma.auditEvent.create({
      data: { ...entry, params: toJson(entry.params) },
      select: { id: true },
    });
  }

  /** Newest first. */
  async list(query: { limit: number; jobId?: string }): Promise<AuditRecord[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: { jobId: query.jobId },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.limit,
      select: auditSelect,
    });
    return rows.map((row) => ({
      ...row,
      at: row.at.toISOString(),
      // Only record() writes this column, and it takes AuditEntry['result'].
      result: row.result as AuditEntry['result'],
    }));
  }
}

/**
 * `params` is whatever input the procedure got, typed unknown. Store it as JSON
 * without ever failing the audit write: bigints become strings, and a missing
 * input becomes {} because the column holds a JSON object, not SQL NULL.
 */
function toJson(value: unknown): Prisma.InputJsonValue {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
  return text === undefined || text === 'null' ? {} : (JSON.parse(text) as Prisma.InputJsonValue);
}
