import type { Prisma } from '@prisma/client';
import type { Role } from '@weir/contract';
import { conflict, notFound } from '../errors/weir-error.js';
import type { Db } from './db-client.js';
import { isDbFailure } from './db-errors.js';

const tokenSelect = {
  name: true,
  prefix: true,
  role: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
} satisfies Prisma.ApiTokenSelect;

export interface TokenRecord {
  name: string;
  /** The first characters of the secret, so people can tell which token a script holds. */
  prefix: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export class TokenRepository {
  constructor(private readonly db: Db) {}

  async create(input: {
    name: string;
    tokenHash: string;
    prefix: string;
    role: Role;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date | null;
  }): Promise<TokenRecord> {
    try {
      return toRecord(await this.db.apiToken.create({ data: input, select: tokenSelect }));
    } catch (error) {
      if (isDbFailure(error, 'uniqueViolation')) {
        throw conflict(`a token named ${input.name} already exists`);
      }
      throw error;
    }
  }

  /** The token if it is neither revoked nor expired. */
  async findUsable(
    tokenHash: string,
    now: Date,
  ): Promise<{ id: number; name: string; role: Role } | null> {
    return this.db.apiToken.findFirst({
      where: { tokenHash, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { id: true, name: true, role: true },
    });
  }

  async list(): Promise<TokenRecord[]> {
    const rows = await this.db.apiToken.findMany({
      select: tokenSelect,
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toRecord);
  }

  /** Revoking twice keeps the first revocation time. */
  async revoke(name: string, now: Date): Promise<TokenRecord> {
    await this.db.apiToken.updateMany({
      where: { name, revokedAt: null },
      data: { revokedAt: now },
    });
    const row = await this.db.apiToken.findUnique({ where: { name }, select: tokenSelect });
    if (!row) throw notFound(`token ${name}`);
    return toRecord(row);
  }
}

function toRecord(row: Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>): TokenRecord {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
