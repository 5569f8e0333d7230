import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../testing/test-database.js';
import { type Database, openDatabase } from './open-database.js';
import { createStore, type Store } from './store.js';

/** Users, sessions, tokens and the audit trail on both databases Weir runs on. */
describe.each(databaseTargets)('account repositories on $kind', (target) => {
  let db: Database;
  let cleanup: () => Promise<void>;
  let store: Store;
  const t0 = Date.parse('2026-11-22T12:00:00Z');
  const at = (s: number) => new Date(t0 + s * 1000);

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    db = await openDatabase(created.options);
    store = createStore(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await cleanup?.();
  });

  it('keeps users unique and changes them inside a locked transaction', async () => {
    const ann = await store.users.create({ username: 'ann', role: 'admin', passwordHash: 'h1' });
    expect(ann).toMatchObject({ username: 'ann', role: 'admin', disabled: false });
    await expect(
      store.users.create({ username: 'ann', role: 'viewer', passwordHash: 'h2' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const changed = await store.transaction(async (tx) => {
      await tx.users.lockAdminChanges();
      return tx.users.update('ann', { role: 'operator' });
    });
    expect(changed.role).toBe('operator');
    expect(await store.users.countEnabledAdmins()).toBe(0);
    await expect(store.users.update('nobody', { disabled: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds a session only while it is live and its user enabled', async () => {
    const bo = await store.users.create({ username: 'bo', role: 'viewer', passwordHash: 'h' });
    await store.sessions.create({
      id: 'hash-1',
      userId: bo.id,
      createdAt: at(0),
      expiresAt: at(60),
      sourceAddress: '127.0.0.1',
    });
    expect(await store.sessions.findActive('hash-1', at(59))).toEqual({
      sessionId: 'hash-1',
      userId: bo.id,
      username: 'bo',
      role: 'viewer',
    });
    expect(await store.sessions.findActive('hash-1', at(60))).toBeNull();
    await store.users.update('bo', { disabled: true });
    expect(await store.sessions.findActive('hash-1', at(1))).toBeNull();
    expect(await store.sessions.deleteExpired(at(60))).toBe(1);
  });

  it('finds a token until it expires or is revoked', async () => {
    const base = {
      role: 'operator' as const,
      createdBy: 'ann',
      createdAt: at(0),
      prefix: 'weir_abc',
    };
    await store.tokens.create({ ...base, name: 'ci', tokenHash: 't1', expiresAt: null });
    await store.tokens.create({ ...base, name: 'short', tokenHash: 't2', expiresAt: at(10) });
    expect(await store.tokens.findUsable('t1', at(1e6))).toMatchObject({ name: 'ci' });
    expect(await store.tokens.findUsable('t2', at(9))).toMatchObject({ name: 'short' });
    expect(await store.tokens.findUsable('t2', at(10))).toBeNull();
    const revoked = await store.tokens.revoke('ci', at(5));
    expect(revoked.revokedAt).toBe(at(5).toISOString());
    expect((await store.tokens.revoke('ci', at(9))).revokedAt).toBe(at(5).toISOString());
    expect(await store.tokens.findUsable('t1', at(6))).toBeNull();
    await expect(store.tokens.revoke('missing', at(1))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('rolls back every write of a failed transaction', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.users.create({ username: 'ghost', role: 'viewer', passwordHash: 'h' });
        await tx.audit.record({
          actor: 'ann',
          action: 'users.create',
          jobId: null,
          params: { username: 'ghost' },
          result: 'ok',
          message: null,
          durationMs: 1,
          sourceAddress: null,
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expect(store.users.get('ghost')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.audit.list({ limit: 10, action: 'users.create' })).toEqual([]);
  });

  it('filters the audit trail and refuses to change it', async () => {
    const entry = {
      jobId: 'job-1',
      params: { note: 'nul \0 inside' },
      result: 'ok' as const,
      message: null,
      durationMs: 3,
      sourceAddress: '10.0.0.1',
    };
    await store.audit.record({ ...entry, actor: 'ann', action: 'savepoints.trigger' });
    await store.audit.record({
      ...entry,
      actor: 'token:ci',
      action: 'savepoints.trigger',
      jobId: 'job-2',
    });
    await store.audit.record({ ...entry, actor: 'ann', action: 'users.setRole', jobId: null });

    const actions = async (query: Parameters<Store['audit']['list']>[0]) =>
      (await store.audit.list(query)).map((r) => `${r.actor} ${r.action} ${r.jobId}`);
    expect(await actions({ limit: 10, actor: 'ann' })).toEqual([
      'ann users.setRole null',
      'ann savepoints.trigger job-1',
    ]);
    expect(await actions({ limit: 10, action: 'savepoints.trigger', jobId: 'job-2' })).toEqual([
      'token:ci savepoints.trigger job-2',
    ]);
    expect(await actions({ limit: 10, to: new Date(0) })).toEqual([]);
    const [newest] = await store.audit.list({ limit: 1 });
    expect(await actions({ limit: 10, beforeId: newest?.id, actor: 'ann' })).toEqual([
      'ann savepoints.trigger job-1',
    ]);
    expect((await store.audit.list({ limit: 1, jobId: 'job-1' }))[0]?.params).toEqual({
      note: 'nul \uFFFD inside',
    });

    await expect(db.prisma.auditEvent.deleteMany({})).rejects.toThrow(
      /audit events cannot be changed or deleted/,
    );
    await expect(
      db.prisma.auditEvent.updateMany({ data: { actor: 'someone-else' } }),
    ).rejects.toThrow(/audit events cannot be changed or deleted/);
  });
});
