import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WeirError } from '../errors/weir-error.js';
import type { SqlSession, SqlTransaction } from './sql-session.js';

/**
 * Weir applies its own migrations at start instead of `prisma migrate deploy`:
 * the prisma CLI's schema engine cannot run offline against every database here
 * (DESIGN.md §5), and the embedded PGlite database has no CLI access at all.
 */

/**
 * `<repo>/prisma/migrations`. This file sits at apps/engine/src/db/ under vitest
 * and at apps/engine/dist/db/ once built: the same depth, so one relative URL fits both.
 */
export const defaultMigrationsDir = fileURLToPath(
  new URL('../../../../prisma/migrations/', import.meta.url),
);

/** Any constant works; it only has to be the same for every Weir process. */
const MIGRATION_LOCK_KEY = 0x5765_6972; // "Weir"

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's layout: one folder per migration, `<timestamp>_<name>/migration.sql`, applied in name order. */
async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

/** Line endings are normalised so a Windows checkout (autocrlf) is not mistaken for tampering. */
function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Applies every pending migration, each in its own transaction, and returns the
 * names it applied. Each transaction first takes a transaction-scoped advisory
 * lock, so processes starting together against one PostgreSQL take turns and
 * each re-reads what the others already applied. Throws, naming the migration,
 * if one that was applied has changed since.
 *
 * Rows for migrations that are not on disk are left alone: during a rolling
 * upgrade an older standby meets a database its successor already migrated.
 */
export async function migrate(
  session: SqlSession,
  dir: string = defaultMigrationsDir,
): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of await readMigrations(dir)) {
    const didApply = await session.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await ensureHistoryTable(tx);
      const [row] = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM _weir_migrations WHERE name = $1',
        [migration.name],
      );
      if (row) {
        if (row.checksum !== migration.checksum) throw checksumMismatch(migration, row.checksum);
        return false;
      }
      await tx.exec(migration.sql).catch((error: unknown) => {
        throw migrationFailed(migration, error);
      });
      await tx.query('INSERT INTO _weir_migrations (name, checksum) VALUES ($1, $2)', [
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  return applied;
}

function ensureHistoryTable(tx: SqlTransaction): Promise<void> {
  return tx.exec(`CREATE TABLE IF NOT EXISTS _weir_migrations (
    name       TEXT PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    checksum   TEXT NOT NULL
  )`);
}

function migrationFailed(migration: Migration, cause: unknown): WeirError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new WeirError(
    'INTERNAL',
    `migration ${migration.name} failed and was rolled back: ${reason}`,
    {
      domain: 'internal',
      cause,
    },
  );
}

function checksumMismatch(migration: Migration, recorded: string): WeirError {
  return new WeirError(
    'INTERNAL',
    `migration ${migration.name} was changed after it was applied to this database ` +
      `(recorded sha256 ${recorded}, file now ${migration.checksum}); ` +
      'refusing to start. Restore the original migration.sql and put the change in a new migration.',
    { domain: 'internal' },
  );
}
