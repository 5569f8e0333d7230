import type { PrismaClient } from '@prisma/client';
import { AlertRepository } from './alert-repository.js';
import { AuditRepository } from './audit-repository.js';
import type { Db } from './db-client.js';
import { SavepointPolicyRepository } from './savepoint-policy-repository.js';
import { SessionRepository } from './session-repository.js';
import { TokenRepository } from './token-repository.js';
import { UserRepository } from './user-repository.js';

/** The repositories the API uses, all on one client or all inside one transaction. */
export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  tokens: TokenRepository;
  audit: AuditRepository;
  alerts: AlertRepository;
  savepointPolicies: SavepointPolicyRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` in one database transaction; everything it writes commits or none of it. */
  transaction<T>(fn: (db: Repositories) => Promise<T>): Promise<T>;
}

function repositoriesOf(db: Db): Repositories {
  return {
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    tokens: new TokenRepository(db),
    audit: new AuditRepository(db),
    alerts: new AlertRepository(db),
    savepointPolicies: new SavepointPolicyRepository(db),
  };
}

export function createStore(prisma: PrismaClient): Store {
  return {
    ...repositoriesOf(prisma),
    transaction: (fn) => prisma.$transaction((tx) => fn(repositoriesOf(tx))),
  };
}
