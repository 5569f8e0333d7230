import { readdirSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets } from '../../testing/test-database.js';
import { defaultMigrationsDir } from './migrate.js';
import { type Database, openDatabase } from './open-database.js';

const INIT = '20261121235508_init';
/** Every committed migration, in the order they apply. */
const COMMITTED = readdirSync(defaultMigrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface MigrationRow {
  name: string;
  checksum: string;
  applied_at: Date;
}

const historyOf = (db: Database) =>
  db.prisma.$queryRawUnsafe<MigrationRow[]>(
    'SELECT name, checksum, applied_at FROM _weir_migrations ORDER BY name',
  );

describe.each(databaseTargets)('openDatabase on $kind', (target) => {
  let options: Awaited<ReturnType<typeof target.create>>['options'];
  let cleanup: () => Promise<void>;
  // Tests that edit migrations work on a copy of the real folder.
  let migrationsDir: string;
  const open = () => openDatabase({ ...options, migrationsDir });

  beforeEach(async () => {
    ({ options, cleanup } = await target.create());
    migrationsDir = await mkdtemp(join(tmpdir(), 'weir-migrations-'));
    await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  });
  afterEach(async () => {
    await cleanup();
    await rm(migrationsDir, { recursive: true, force: true });
  });

  it('applies the committed migrations once and records them', async () => {
    const db = await openDatabase(options);
    try {
      expect(db.kind).toBe(target.kind);
      const history = await historyOf(db);
      expect(history.map((r) => r.name)).toEqual(COMMITTED);
      expect(history[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await db.prisma.job.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('changes nothing when opened again', async () => {
    const first = await open();
    const before = await historyOf(first);
    await first.close();

    const second = await open();
    try {
      expect(await historyOf(second)).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('applies only a migration added since', async () => {
    await (await open()).close();
    await mkdir(join(migrationsDir, '20990101000000_extra'));
    await writeFile(
      join(migrationsDir, '20990101000000_extra', 'migration.sql'),
      'CREATE TABLE "Extra" (id INT);\n',
    );

    const db = await open();
    try {
      expect((await historyOf(db)).map((r) => r.name)).toEqual([
        ...COMMITTED,
        '20990101000000_extra',
      ]);
      expect(await db.prisma.$queryRawUnsafe('SELECT count(*)::int AS n FROM "Extra"')).toEqual([
        { n: 0 },
      ]);
    } finally {
      await db.close();
    }
  });

  it('rolls back a migration that fails half-way and records nothing', async () => {
    await mkdir(join(migrationsDir, '20990101000000_broken'));
    await writeFile(
      join(migrationsDir, '20990101000000_broken', 'migration.sql'),
      'CREATE TABLE "Partial" (id INT);\nSELECT no_such_function();\n',
    );
    await expect(open()).rejects.toThrow(
      /migration 20990101000000_broken failed.*no_such_function/,
    );

    await rm(join(migrationsDir, '20990101000000_broken'), { recursive: true });
    const db = await open();
    try {
      expect((await historyOf(db)).map((r) => r.name)).toEqual(COMMITTED);
      const partial = await db.prisma.$queryRawUnsafe<unknown[]>(
        `SELECT 1 FROM pg_tables WHERE tablename = 'Partial'`,
      );
      expect(partial).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('refuses to start when an applied migration was edited', async () => {
    await (await open()).close();
    await appendFile(join(migrationsDir, INIT, 'migration.sql'), '\n-- edited later\n');
    await expect(open()).rejects.toThrow(
      new RegExp(`migration ${INIT} was changed after it was applied`),
    );
  });
});

describe('openDatabase on a fresh PostgreSQL', () => {
  it('lets two processes starting together both succeed', async () => {
    const pg = await createTestDatabase();
    try {
      const dbs = await Promise.all(
        [1, 2].map(() => openDatabase({ databaseUrl: pg.url, pgliteDir: '' })),
      );
      try {
        for (const db of dbs) expect((await historyOf(db)).map((r) => r.name)).toEqual(COMMITTED);
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
      }
    } finally {
      await pg.drop();
    }
  });
});
