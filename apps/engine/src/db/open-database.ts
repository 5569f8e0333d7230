import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '@prisma/client';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defaultMigrationsDir, migrate } from './migrate.js';
import { pgliteSession, pgSession } from './sql-session.js';

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL. Without one, Weir uses the embedded PGlite database. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; ignored when `databaseUrl` is set. */
  pgliteDir: string;
  migrationsDir?: string;
}

/** Opens the database, applies pending migrations, then hands out a PrismaClient. */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir;
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, migrationsDir)
    : openPglite(opts.pgliteDir, migrationsDir);
}

async function openPostgres(url: string, migrationsDir: string): Promise<Database> {
  // One pool shared by migrations and Prisma; passed in as an object, so the
  // adapter leaves ending it to us.
  const pool = new pg.Pool({ connectionString: url });
  // pg removes an idle client that the server dropped (restart, failover) and
  // reconnects on the next query; without a listener the 'error' event would
  // crash the process instead.
  pool.on('error', () => {});
  try {
    await migrate(pgSession(pool), migrationsDir);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgres',
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dir: string, migrationsDir: string): Promise<Database> {
  await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  try {
    await migrate(pgliteSession(pglite), migrationsDir);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  // pglite-prisma-adapter 0.6 is typed against driver-adapter-utils 6.10, whose
  // ArgType was a string (an object since). It never reads argTypes, so only the
  // types disagree; the round-trip tests in this folder cover the runtime.
  const adapter = new PrismaPGlite(pglite) as unknown as NonNullable<
    Prisma.PrismaClientOptions['adapter']
  >;
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    kind: 'pglite',
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
