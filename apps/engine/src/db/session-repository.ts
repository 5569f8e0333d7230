import type { Role } from '@weir/contract';
import type { Db } from './db-client.js';

export interface ActiveSession {
  sessionId: string;
  userId: number;
  username: string;
  role: Role;
}

/** Server-side sessions, keyed by the hash of the cookie's secret. */
export class SessionRepository {
  constructor(private readonly db: Db) {}

  async create(input: {
    id: string;
    userId: number;
    createdAt: Date;
    expiresAt: Date;
    sourceAddress: string | null;
  }): Promise<void> {
    await this.db.session.create({ data: input, select: { id: true } });
  }

  /** The session if it has not expired and its user may still sign in. */
  async findActive(id: string, now: Date): Promise<ActiveSession | null> {
    const row = await this.db.session.findFirst({
      where: { id, expiresAt: { gt: now }, user: { disabled: false } },
      select: { id: true, user: { select: { id: true, username: true, role: true } } },
    });
    return row
      ? { sessionId: row.id, userId: row.user.id, username: row.user.username, role: row.user.role }
      : null;
  }

  async delete(id: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id } });
  }

  async deleteForUser(userId: number, exceptId?: string): Promise<void> {
    await this.db.session.deleteMany({
      where: { userId, id: exceptId === undefined ? undefined : { not: exceptId } },
    });
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.db.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
  }
}
