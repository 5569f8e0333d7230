import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * For tests: a fresh database on the real PostgreSQL (DESIGN.md §5: tests use
 * real services), named at random so parallel test files never share one.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // Set by the vitest project `unit` (vitest.config.ts), which runs without PostgreSQL.
  if (process.env.WEIR_NO_TEST_SERVICES) {
    throw new Error(
      'PostgreSQL in a unit test (WEIR_NO_TEST_SERVICES is set): a test that needs it is an integration test, name its file *.int.test.ts',
    );
  }
  const adminUrl = process.env.WEIR_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `weir_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (admin) => {
        // A test that failed half-way may leave a pool open; DROP DATABASE
        // refuses while anyone is connected.
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      }),
  };
}

async function withAdmin(url: string, fn: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The two databases Weir runs on, for `describe.each`: each `create()` gives
 * options for openDatabase on a fresh, empty database and a cleanup.
 */
export const databaseTargets = [
  {
    kind: 'postgres',
    async create() {
      const db = await createTestDatabase();
      // pgliteDir is ignored when a URL is given.
      return { options: { databaseUrl: db.url, pgliteDir: '' }, cleanup: db.drop };
    },
  },
  {
    kind: 'pglite',
    async create() {
      const dir = await mkdtemp(join(tmpdir(), 'weir-pglite-'));
      await (await PGlite.create(dir, { loadDataDir: await emptyPgliteDataDir() })).close();
      return {
        options: { pgliteDir: dir },
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
] as const;

let emptyDataDir: Promise<Blob> | undefined;

/**
 * PGlite runs initdb in an empty directory, which takes seconds; unpacking an
 * initialised, still empty data directory takes about one. Made once per test
 * file, in memory so nothing is left behind; it holds no migrations, so every
 * test still applies them.
 */
function emptyPgliteDataDir(): Promise<Blob> {
  emptyDataDir ??= (async () => {
    const db = await PGlite.create();
    try {
      return await db.dumpDataDir('none');
    } finally {
      await db.close();
    }
  })();
  return emptyDataDir;
}
