import type { Prisma, PrismaClient } from '@prisma/client';
import type {
  DeadLetterEntry,
  DeadLetterFilter,
  DeadLetterPage,
  DeadLettersInput,
} from '@weir/contract';
import type { DeadLetterPublisher, DeadLetterRewind } from '../checkpoint/dead-letter-outbox.js';
import type { DeadLetterBatch } from '../core/dead-letter-batch.js';

/** Rows per insert: PostgreSQL takes at most 65535 parameters per statement. */
const INSERT_CHUNK = 4000;
/** Reason kinds the console lists per job or vertex. */
const REASON_KINDS_LISTED = 20;

type Row = Prisma.DeadLetterGetPayload<object>;

/** "malformed JSON: Unexpected token" → "malformed JSON": what dead letters are grouped by. */
export function reasonKindOf(reason: string): string {
  const colon = reason.indexOf(':');
  return (colon > 0 ? reason.slice(0, colon) : reason).trim().slice(0, 200);
}

const toEntry = (row: Row): DeadLetterEntry => ({
  id: row.id.toString(),
  at: row.at.toISOString(),
  vertexId: row.vertexId,
  subtaskIndex: row.subtaskIndex,
  operatorUid: row.operatorUid,
  reason: row.reason,
  reasonKind: row.reasonKind,
  record: row.record,
  truncated: row.truncated,
  replayedAt: row.replayedAt?.toISOString() ?? null,
  replayedBy: row.replayedBy,
});

/**
 * Jobs' dead letters (models DeadLetterBatch and DeadLetter): published by the leader once the
 * snapshot covering them committed, read by any instance. Batches count every dead letter
 * exactly; letters are kept within retention (age, and a number per job).
 */
export class DeadLetterRepository implements DeadLetterPublisher {
  constructor(private readonly prisma: PrismaClient) {}

  async publish(
    jobId: string,
    batches: DeadLetterBatch[],
    rewind: DeadLetterRewind | null,
  ): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        if (rewind) await rewindIn(tx, jobId, rewind);
        const known = await tx.deadLetterBatch.findMany({
          where: { id: { in: batches.map((b) => b.id) } },
          select: { id: true },
        });
        const knownIds = new Set(known.map((b) => b.id));
        const fresh = batches.filter((b) => !knownIds.has(b.id));
        if (fresh.length === 0) return;
        await tx.deadLetterBatch.createMany({
          data: fresh.map(({ id, epoch, vertexId, subtaskIndex, count }) => ({
            id,
            jobId,
            epoch,
            vertexId,
            subtaskIndex,
            count,
          })),
          skipDuplicates: true,
        });
        const letters = fresh.flatMap((batch) =>
          batch.letters.map((letter, seq) => ({
            batchId: batch.id,
            seq,
            jobId,
            vertexId: batch.vertexId,
            subtaskIndex: batch.subtaskIndex,
            operatorUid: letter.operatorUid,
            at: new Date(letter.at),
            reason: letter.reason,
            reasonKind: reasonKindOf(letter.reason),
            record: letter.record,
            truncated: letter.truncated,
          })),
        );
        for (let i = 0; i < letters.length; i += INSERT_CHUNK)
          await tx.deadLetter.createMany({
            data: letters.slice(i, i + INSERT_CHUNK),
            skipDuplicates: true,
          });
      },
      { timeout: 60_000 },
    );
  }

  async page(query: DeadLettersInput): Promise<DeadLetterPage> {
    const where = whereOf(query);
    const scope = { jobId: query.jobId, ...(query.vertexId ? { vertexId: query.vertexId } : {}) };
    const [rows, matching, counted, reasons] = await Promise.all([
      this.prisma.deadLetter.findMany({
        where: { ...where, ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}) },
        orderBy: { id: 'desc' },
        take: query.limit + 1,
      }),
      this.prisma.deadLetter.count({ where }),
      this.prisma.deadLetterBatch.aggregate({ where: scope, _sum: { count: true } }),
      this.prisma.deadLetter.groupBy({
        by: ['reasonKind'],
        where: scope,
        _count: { _all: true },
        orderBy: { _count: { reasonKind: 'desc' } },
        take: REASON_KINDS_LISTED,
      }),
    ]);
    const items = rows.slice(0, query.limit).map(toEntry);
    return {
      items,
      nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null,
      counted: counted._sum.count ?? 0,
      matching,
      reasons: reasons.map((r) => ({ reasonKind: r.reasonKind, count: r._count._all })),
    };
  }

  /** Every kept dead letter matching `filter`, oldest first, a page of `pageSize` at a time. */
  async *matching(filter: DeadLetterFilter, pageSize = 1000): AsyncGenerator<DeadLetterEntry[]> {
    let after: bigint | null = null;
    for (;;) {
      const rows: Row[] = await this.prisma.deadLetter.findMany({
        where: { ...whereOf(filter), ...(after === null ? {} : { id: { gt: after } }) },
        orderBy: { id: 'asc' },
        take: pageSize,
      });
      if (rows.length === 0) return;
      yield rows.map(toEntry);
      after = (rows.at(-1) as Row).id;
    }
  }

  async byIds(jobId: string, ids: string[]): Promise<DeadLetterEntry[]> {
    const rows = await this.prisma.deadLetter.findMany({
      where: { jobId, id: { in: ids.map((id) => BigInt(id)) } },
      orderBy: { id: 'asc' },
    });
    return rows.map(toEntry);
  }

  async markReplayed(ids: string[], by: string, at: Date): Promise<void> {
    await this.prisma.deadLetter.updateMany({
      where: { id: { in: ids.map((id) => BigInt(id)) } },
      data: { replayedAt: at, replayedBy: by },
    });
  }

  /**
   * Drops what is past retention: batches and letters older than `before`, and each job's
   * letters past its newest `keptPerJob` (their batches stay, so counts stay exact). Returns
   * how many letters went.
   */
  async prune(before: Date, keptPerJob: number): Promise<number> {
    const old = await this.prisma.$transaction([
      this.prisma.deadLetter.deleteMany({ where: { at: { lt: before } } }),
      this.prisma.deadLetterBatch.deleteMany({ where: { publishedAt: { lt: before } } }),
    ]);
    const overBudget = await this.prisma.$executeRaw`
      DELETE FROM "DeadLetter" d
      USING (
        SELECT id FROM (
          SELECT id, row_number() OVER (PARTITION BY "jobId" ORDER BY id DESC) AS newest
          FROM "DeadLetter"
        ) ranked WHERE newest > ${keptPerJob}
      ) gone
      WHERE d.id = gone.id`;
    return old[0].count + overBudget;
  }
}

function whereOf(filter: DeadLetterFilter): Prisma.DeadLetterWhereInput {
  return {
    jobId: filter.jobId,
    ...(filter.vertexId ? { vertexId: filter.vertexId } : {}),
    ...(filter.reasonKind ? { reasonKind: filter.reasonKind } : {}),
    ...(filter.search
      ? {
          OR: [{ record: { contains: filter.search } }, { reason: { contains: filter.search } }],
        }
      : {}),
  };
}

/** Forgets what a restore processes again (see `DeadLetterRewind`). */
async function rewindIn(
  tx: Prisma.TransactionClient,
  jobId: string,
  rewind: DeadLetterRewind,
): Promise<void> {
  const later = await tx.deadLetterBatch.findMany({
    where: {
      jobId,
      OR: [{ epoch: 0 }, { epoch: { gt: rewind.checkpointId } }],
      publishedAt: { gt: rewind.writtenAt },
      id: { notIn: rewind.keep },
    },
    select: { id: true },
  });
  if (later.length === 0) return;
  const ids = later.map((b) => b.id);
  await tx.deadLetter.deleteMany({ where: { batchId: { in: ids } } });
  await tx.deadLetterBatch.deleteMany({ where: { id: { in: ids } } });
}
