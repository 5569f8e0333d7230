import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allProcedures,
  startTestApi,
  type TestApi,
  userPrincipal,
} from '../../testing/test-api.js';
import { fakeBackend } from '../../testing/test-backend.js';
import { trpcCodeOf as codeOf } from '../../testing/trpc-code.js';

/**
 * Every procedure of the real router, found by walking it, so a procedure added without a
 * role fails here. Only these may be called signed out; adding one is a decision to review.
 */
const PUBLIC = ['auth.login', 'auth.logout', 'auth.me'];

const procedures = allProcedures();
const guarded = procedures.filter((p) => !PUBLIC.includes(p.path));
const guardedMutations = guarded.filter((p) => p.type !== 'query');

type Invoke = (input: unknown) => Promise<unknown>;

/** The caller's function for a dotted path such as "savepoints.trigger". */
function procedureAt(caller: unknown, path: string): Invoke {
  return path
    .split('.')
    .reduce((node, key) => (node as Record<string, unknown>)[key], caller) as Invoke;
}

describe('authorization of every procedure', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
  });
  afterAll(() => api?.close());

  it('finds the procedures it guards, public ones included', () => {
    const paths = procedures.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([...PUBLIC, 'savepoints.trigger', 'audit.list']));
    expect(guardedMutations.map((p) => p.path)).toEqual(
      expect.arrayContaining(['savepoints.trigger', 'users.create', 'tokens.revoke']),
    );
  });

  it.each(guarded.map((p) => [p.path]))('refuses %s to anonymous callers', async (path) => {
    const anonymous = api.callerAs(null);
    expect(await codeOf(procedureAt(anonymous, path)(undefined))).toBe('UNAUTHORIZED');
  });

  it.each(guardedMutations.map((p) => [p.path]))('refuses %s to viewers', async (path) => {
    const viewer = api.callerAs(userPrincipal('vera', 'viewer'));
    expect(await codeOf(procedureAt(viewer, path)(undefined))).toBe('FORBIDDEN');
  });

  it.each(PUBLIC.map((path) => [path]))('lets anonymous callers reach %s', async (path) => {
    const anonymous = api.callerAs(null);
    expect(await codeOf(procedureAt(anonymous, path)(undefined))).not.toBe('UNAUTHORIZED');
  });

  it('puts refused mutations on record', async () => {
    const rows = await api.store.audit.list({ actor: 'vera', limit: 500 });
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set(guardedMutations.map((p) => p.path)),
    );
    expect(rows.every((r) => r.result === 'error' && r.message?.startsWith('Needs the'))).toBe(
      true,
    );
  });
});
