import type { Prisma } from '@prisma/client';
import type { Db } from './db-client.js';

export interface AuditEntry {
  /** A username, `token:<name>`, or `anonymous`. */
  actor: string;
  /** The procedure's path, e.g. `savepoints.trigger`. */
  action: string;
  jobId: string | null;
  /** The call's input with secrets already redacted. */
  params: unknown;
  result: 'ok' | 'error';
  message: string | null;
  durationMs: number;
  sourceAddress: string | null;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: string;
}

export interface AuditQuery {
  limit: number;
  actor?: string | undefined;
  action?: string | undefined;
  jobId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only rows older than this id: the cursor for the next page. */
  beforeId?: number | undefined;
}

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

/**
 * The audit trail of mutating API calls. Append-only: there is no update or delete here,
 * and a database trigger refuses them (see the accounts_and_audit migration).
 */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Returns the row's id. */
  async record(entry: AuditEntry): Promise<number> {
    const row = await this.db.auditEvent.create({
      data: { ...entry, params: toJson(entry.params) },
      select: { id: true },
    });
    return row.id;
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const rows = await this.db.auditEvent.findMany({
      where: {
        actor: query.actor,
        action: query.action,
        jobId: query.jobId,
        at: { gte: query.from, lte: query.to },
        id: query.beforeId === undefined ? undefined : { lt: query.beforeId },
      },
      // Ids grow with inserts; `at` is the transaction's start, which concurrent calls can
      // make disagree with the order rows were written in.
      orderBy: { id: 'desc' },
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
 * without ever failing the audit write: bigints become strings, NUL characters
 * (which PostgreSQL's jsonb refuses) become U+FFFD, and a missing input becomes {}
 * because the column holds a JSON object, not SQL NULL.
 */
function toJson(value: unknown): Prisma.InputJsonValue {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    return typeof v === 'string' ? v.replaceAll('\0', '\uFFFD') : v;
  });
  return text === undefined || text === 'null' ? {} : (JSON.parse(text) as Prisma.InputJsonValue);
}
