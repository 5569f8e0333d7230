import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase } from '../src/db/open-database.js';
import { createTestDatabase } from './test-database.js';

/**
 * A fresh PostgreSQL database for the calling file, opened twice as two engine instances
 * would: what one writes, the other must read (after a failover, say). `const dbs =
 * sharedDatabase();` then `dbs().first` and `dbs().second` inside tests.
 */
export function sharedDatabase(): () => { first: Database; second: Database } {
  let drop: (() => Promise<void>) | undefined;
  let opened: { first: Database; second: Database } | undefined;
  beforeAll(async () => {
    const pg = await createTestDatabase();
    drop = pg.drop;
    const open = () => openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    opened = { first: await open(), second: await open() };
  });
  afterAll(async () => {
    await opened?.first.close();
    await opened?.second.close();
    await drop?.();
  });
  return () => {
    if (!opened) throw new Error('sharedDatabase is only available inside a test');
    return opened;
  };
}
