import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/test-database.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { UserRepository } from '../db/user-repository.js';
import { ensureFirstAdmin } from './first-admin.js';
import { verifyPassword } from './passwords.js';

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('ensureFirstAdmin', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let users: UserRepository;

  beforeEach(async () => {
    const pg = await createTestDatabase();
    drop = pg.drop;
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    users = new UserRepository(db.prisma);
  });
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  const passwordHashOf = async (username: string) =>
    (await users.findForLogin(username))?.passwordHash ?? '';

  it('generates a password and logs it once, on an empty database only', async () => {
    const { logger, lines } = capturingLogger();
    await ensureFirstAdmin(users, { password: '', logger });
    await ensureFirstAdmin(users, { password: '', logger });

    const withPassword = lines.filter((l) => 'firstAdminPassword' in l);
    expect(withPassword).toHaveLength(1);
    const password = String(withPassword[0]?.firstAdminPassword);
    expect(password).toMatch(/^[\w-]{24}$/);
    expect(await users.list()).toEqual([
      expect.objectContaining({ username: 'admin', role: 'admin' }),
    ]);
    expect(await verifyPassword(await passwordHashOf('admin'), password)).toBe(true);
  });

  it('takes the password from configuration and never logs it', async () => {
    const { logger, lines } = capturingLogger();
    await ensureFirstAdmin(users, { password: 'from-the-environment', logger });
    expect(JSON.stringify(lines)).not.toContain('from-the-environment');
    expect(await verifyPassword(await passwordHashOf('admin'), 'from-the-environment')).toBe(true);
  });

  it('leaves a database with users alone', async () => {
    await users.create({ username: 'someone', role: 'viewer', passwordHash: 'x' });
    const { logger, lines } = capturingLogger();
    await ensureFirstAdmin(users, { password: '', logger });
    expect(lines).toEqual([]);
    expect((await users.list()).map((u) => u.username)).toEqual(['someone']);
  });
});
