import type { Prisma } from '@prisma/client';
import { conflict, notFound } from '../errors/weir-error.js';
import type { Db } from './db-client.js';

export interface SilenceRecord {
  id: number;
  rule: string | null;
  job: string | null;
  createdBy: string;
  comment: string;
  createdAt: string;
  endsAt: string;
  expiredBy: string | null;
}

const silenceSelect = {
  id: true,
  rule: true,
  job: true,
  createdBy: true,
  comment: true,
  createdAt: true,
  endsAt: true,
  expiredBy: true,
} satisfies Prisma.AlertSilenceSelect;

/** Silences: matchers that mute incidents until they end. */
export class AlertSilenceRepository {
  constructor(private readonly db: Db) {}

  async create(silence: {
    rule: string | null;
    job: string | null;
    comment: string;
    createdBy: string;
    createdAt: Date;
    endsAt: Date;
  }): Promise<SilenceRecord> {
    return toSilence(await this.db.alertSilence.create({ data: silence, select: silenceSelect }));
  }

  /** Silences in force at `now`, those ending first first. */
  async active(now: Date): Promise<SilenceRecord[]> {
    const rows = await this.db.alertSilence.findMany({
      where: { createdAt: { lte: now }, endsAt: { gt: now } },
      orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
      select: silenceSelect,
    });
    return rows.map(toSilence);
  }

  /** The latest `limit` that ended by `now`, newest end first. */
  async expired(now: Date, limit: number): Promise<SilenceRecord[]> {
    const rows = await this.db.alertSilence.findMany({
      where: { endsAt: { lte: now } },
      orderBy: [{ endsAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: silenceSelect,
    });
    return rows.map(toSilence);
  }

  /** Ends a silence in force now; one that ended already is a conflict. */
  async expire(id: number, now: Date, by: string): Promise<SilenceRecord> {
    const { count } = await this.db.alertSilence.updateMany({
      where: { id, endsAt: { gt: now } },
      data: { endsAt: now, expiredBy: by },
    });
    const row = await this.db.alertSilence.findUnique({ where: { id }, select: silenceSelect });
    if (!row) throw notFound(`silence ${id}`);
    if (count === 0) throw conflict(`silence ${id} ended already, at ${row.endsAt.toISOString()}`);
    return toSilence(row);
  }
}

function toSilence(row: Prisma.AlertSilenceGetPayload<{ select: typeof silenceSelect }>) {
  return { ...row, createdAt: row.createdAt.toISOString(), endsAt: row.endsAt.toISOString() };
}
