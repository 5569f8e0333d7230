import type { Prisma } from '@prisma/client';
import type { Role } from '@weir/contract';
import { conflict, notFound } from '../errors/weir-error.js';
import type { Db } from './db-client.js';
import { isDbFailure } from './db-errors.js';

const userSelect = {
  id: true,
  username: true,
  role: true,
  disabled: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
}

/** Any constant works; it serialises changes that could remove the last admin. */
const ADMIN_CHANGE_LOCK = 0x5765_6972_0001;

export class UserRepository {
  constructor(private readonly db: Db) {}

  count(): Promise<number> {
    return this.db.user.count();
  }

  async create(input: { username: string; role: Role; passwordHash: string }): Promise<UserRecord> {
    try {
      return toRecord(await this.db.user.create({ data: input, select: userSelect }));
    } catch (error) {
      if (isDbFailure(error, 'uniqueViolation')) {
        throw conflict(`a user named ${input.username} already exists`);
      }
      throw error;
    }
  }

  async get(username: string): Promise<UserRecord> {
    const row = await this.db.user.findUnique({ where: { username }, select: userSelect });
    if (!row) throw notFound(`user ${username}`);
    return toRecord(row);
  }

  /** The one read that returns the password hash, for checking a login. */
  async findForLogin(username: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const row = await this.db.user.findUnique({
      where: { username },
      select: { ...userSelect, passwordHash: true },
    });
    return row ? { ...toRecord(row), passwordHash: row.passwordHash } : null;
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.user.findMany({ select: userSelect, orderBy: { username: 'asc' } });
    return rows.map(toRecord);
  }

  async update(username: string, change: UserChange): Promise<UserRecord> {
    try {
      return toRecord(
        await this.db.user.update({ where: { username }, data: change, select: userSelect }),
      );
    } catch (error) {
      if (isDbFailure(error, 'recordNotFound')) throw notFound(`user ${username}`);
      throw error;
    }
  }

  countEnabledAdmins(): Promise<number> {
    return this.db.user.count({ where: { role: 'admin', disabled: false } });
  }

  /**
   * Inside a transaction: makes concurrent admin changes take turns, so two admins demoting
   * each other at once cannot both pass the "another admin remains" check.
   */
  async lockAdminChanges(): Promise<void> {
    // $executeRaw: $queryRaw cannot read the void column this function returns.
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`;
  }
}

function toRecord(row: Prisma.UserGetPayload<{ select: typeof userSelect }>): UserRecord {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
