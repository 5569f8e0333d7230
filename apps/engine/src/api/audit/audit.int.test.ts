import { TRPCError } from '@trpc/server';
import { REDACTED } from '@weir/contract';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  allProcedures,
  startTestApi,
  type TestApi,
  userPrincipal,
} from '../../../testing/test-api.js';
import { FAKE_JOB, fakeBackend } from '../../../testing/test-backend.js';
import { type CallOptions, call, sessionCookieFrom } from '../../../testing/test-http.js';
import type { AuditRecord } from '../../db/audit-repository.js';
import { createCallerFactory, operatorProcedure, router } from '../trpc.js';

describe('the audit trail', () => {
  let api: TestApi;
  let admin: string;
  let operator: string;
  let viewer: string;
  let viewerPassword: string;
  const mutate = (path: string, input: unknown, options: CallOptions) =>
    call(api.url, 'mutation', path, input, options);
  const newest = async () => (await api.store.audit.list({ limit: 1 }))[0] as AuditRecord;
  const signIn = async (username: string, password: string) =>
    sessionCookieFrom(await mutate('auth.login', { username, password }, {}));

  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    const users = await Promise.all([
      api.createUser('alice', 'admin'),
      api.createUser('oscar', 'operator'),
      api.createUser('vic', 'viewer'),
    ]);
    const [a, o, v] = users;
    admin = await signIn(a.username, a.password);
    operator = await signIn(o.username, o.password);
    viewer = await signIn(v.username, v.password);
    viewerPassword = v.password;
  });
  afterAll(() => api?.close());

  /** Each action, done for real over HTTP, and the row it must leave. */
  const cases: {
    what: string;
    path: string;
    input: unknown;
    as: () => CallOptions;
    row: Partial<AuditRecord>;
  }[] = [
    {
      what: 'a savepoint',
      path: 'savepoints.trigger',
      input: { jobId: FAKE_JOB },
      as: () => ({ cookie: operator }),
      row: { actor: 'oscar', jobId: FAKE_JOB, result: 'ok', message: null },
    },
    {
      what: 'a failed savepoint',
      path: 'savepoints.trigger',
      input: { jobId: 'missing-job' },
      as: () => ({ cookie: operator }),
      row: {
        actor: 'oscar',
        jobId: 'missing-job',
        result: 'error',
        message: 'job missing-job not found',
      },
    },
    {
      what: 'a savepoint refused to a viewer',
      path: 'savepoints.trigger',
      input: { jobId: FAKE_JOB },
      as: () => ({ cookie: viewer }),
      row: {
        actor: 'vic',
        result: 'error',
        message: 'Needs the operator role; vic has the viewer role.',
      },
    },
    {
      what: 'a user created, with the password redacted',
      path: 'users.create',
      input: { username: 'newbie', role: 'viewer', password: 'a-long-secret-1' },
      as: () => ({ cookie: admin }),
      row: {
        actor: 'alice',
        result: 'ok',
        params: { username: 'newbie', role: 'viewer', password: REDACTED },
      },
    },
    {
      what: 'a duplicate user',
      path: 'users.create',
      input: { username: 'newbie', role: 'viewer' },
      as: () => ({ cookie: admin }),
      row: { result: 'error', message: 'a user named newbie already exists' },
    },
    {
      what: 'a role change',
      path: 'users.setRole',
      input: { username: 'newbie', role: 'operator' },
      as: () => ({ cookie: admin }),
      row: { actor: 'alice', result: 'ok' },
    },
    {
      what: 'demoting the last admin',
      path: 'users.setRole',
      input: { username: 'alice', role: 'viewer' },
      as: () => ({ cookie: admin }),
      row: {
        result: 'error',
        message: 'alice is the last enabled admin; make another user admin first',
      },
    },
    {
      what: 'a password reset',
      path: 'users.resetPassword',
      input: { username: 'newbie', password: 'another-secret-2' },
      as: () => ({ cookie: admin }),
      row: { result: 'ok', params: { username: 'newbie', password: REDACTED } },
    },
    {
      what: 'a user disabled',
      path: 'users.setDisabled',
      input: { username: 'newbie', disabled: true },
      as: () => ({ cookie: admin }),
      row: { result: 'ok' },
    },
    {
      what: 'a token created',
      path: 'tokens.create',
      input: { name: 'deploy', role: 'operator' },
      as: () => ({ cookie: admin }),
      row: { actor: 'alice', result: 'ok', params: { name: 'deploy', role: 'operator' } },
    },
    {
      what: 'a token revoked',
      path: 'tokens.revoke',
      input: { name: 'deploy' },
      as: () => ({ cookie: admin }),
      row: { result: 'ok' },
    },
    {
      what: 'an unknown token revoked',
      path: 'tokens.revoke',
      input: { name: 'nope' },
      as: () => ({ cookie: admin }),
      row: { result: 'error', message: 'token nope not found' },
    },
    {
      what: 'a failed sign-in',
      path: 'auth.login',
      input: { username: 'vic', password: 'wrong-guess' },
      as: () => ({}),
      row: {
        actor: 'anonymous',
        result: 'error',
        message: 'Wrong username or password.',
        params: { username: 'vic', password: REDACTED },
      },
    },
    {
      what: 'a sign-in to a disabled account',
      path: 'auth.login',
      input: { username: 'newbie', password: 'another-secret-2' },
      as: () => ({}),
      row: { actor: 'anonymous', result: 'error', message: 'Wrong username or password.' },
    },
    {
      what: 'a sign-out',
      path: 'auth.logout',
      input: undefined,
      as: () => ({ cookie: viewer }),
      row: { actor: 'vic', result: 'ok' },
    },
  ];

  it.each(cases)('records $what', async ({ path, input, as, row }) => {
    const result = await mutate(path, input, as());
    const recorded = await newest();
    expect(recorded).toMatchObject({ action: path, sourceAddress: '127.0.0.1', ...row });
    expect(recorded.result === 'ok').toBe(result.code === null);
    expect(recorded.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('records a successful sign-in under the user who signed in', async () => {
    const { password } = await api.createUser('sally', 'viewer');
    await signIn('sally', password);
    expect(await newest()).toMatchObject({
      action: 'auth.login',
      actor: 'sally',
      result: 'ok',
      params: { username: 'sally', password: REDACTED },
    });
  });

  it('filters by user, action, job and time, newest first, a page at a time', async () => {
    // The viewer signed out above; reading the trail needs only the viewer role.
    const cookie = await signIn('vic', viewerPassword);
    const list = (input: Record<string, unknown>) =>
      call(api.url, 'query', 'audit.list', input, { cookie });
    const all = await api.store.audit.list({ limit: 500 });
    const rowsOf = async (input: Record<string, unknown>) => {
      const result = await list(input);
      expect(result.code).toBeNull();
      return (result.data as { rows: AuditRecord[] }).rows;
    };

    expect((await rowsOf({ actor: 'oscar' })).map((r) => [r.action, r.jobId])).toEqual([
      ['savepoints.trigger', 'missing-job'],
      ['savepoints.trigger', FAKE_JOB],
      ['auth.login', null],
    ]);
    const failedSavepoints = (await rowsOf({ action: 'savepoints.trigger', jobId: FAKE_JOB })).map(
      (r) => r.actor,
    );
    expect(failedSavepoints).toEqual(['vic', 'oscar']);

    const oldest = all.at(-1) as AuditRecord;
    const upToOldest = await rowsOf({ to: oldest.at });
    expect(upToOldest.every((r) => r.at <= oldest.at)).toBe(true);
    expect(upToOldest.map((r) => r.id)).toContain(oldest.id);
    const fromNewest = await rowsOf({ from: (all[0] as AuditRecord).at });
    expect(fromNewest.every((r) => r.at >= (all[0] as AuditRecord).at)).toBe(true);

    const first = (await list({ limit: 2 })).data as { rows: AuditRecord[]; nextCursor: number };
    expect(first.rows.map((r) => r.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    const second = (await list({ limit: 2, cursor: first.nextCursor })).data as {
      rows: AuditRecord[];
    };
    expect(second.rows.map((r) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
  });

  it('offers no way to change the trail: every audit procedure is a query', () => {
    const audit = allProcedures().filter((p) => p.path.startsWith('audit.'));
    expect(audit).toEqual([{ path: 'audit.list', type: 'query' }]);
  });

  it('is append-only in the database itself', async () => {
    const client = new pg.Client({ connectionString: api.databaseUrl });
    await client.connect();
    try {
      await expect(client.query(`UPDATE "AuditEvent" SET actor = 'someone-else'`)).rejects.toThrow(
        'audit events cannot be changed or deleted',
      );
      await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(
        'audit events cannot be changed or deleted',
      );
    } finally {
      await client.end();
    }
  });
});

describe('audit rows in the transaction of the change', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
  });
  afterAll(() => api?.close());

  // A procedure that creates a user in its audit transaction, then fails if asked to.
  const probe = router({
    createThenMaybeFail: operatorProcedure
      .input(z.object({ username: z.string(), fail: z.boolean() }))
      .mutation(({ ctx, input }) =>
        ctx.audit.transaction(async (db) => {
          await db.users.create({ username: input.username, role: 'viewer', passwordHash: 'x' });
          if (input.fail) throw new TRPCError({ code: 'CONFLICT', message: 'changed my mind' });
        }),
      ),
  });
  const caller = () => createCallerFactory(probe)(api.contextFor(userPrincipal('tx', 'operator')));

  it('commits the change and its ok row together', async () => {
    await caller().createThenMaybeFail({ username: 'kept', fail: false });
    expect(await api.store.users.get('kept')).toMatchObject({ username: 'kept' });
    const rows = await api.store.audit.list({ action: 'createThenMaybeFail', limit: 10 });
    expect(rows.map((r) => r.result)).toEqual(['ok']);
  });

  it('rolls the change back with the call, leaving only the error row', async () => {
    await expect(caller().createThenMaybeFail({ username: 'dropped', fail: true })).rejects.toThrow(
      'changed my mind',
    );
    await expect(api.store.users.get('dropped')).rejects.toThrow('user dropped not found');
    const [row] = await api.store.audit.list({ action: 'createThenMaybeFail', limit: 1 });
    expect(row).toMatchObject({ result: 'error', message: 'changed my mind', actor: 'tx' });
  });
});
