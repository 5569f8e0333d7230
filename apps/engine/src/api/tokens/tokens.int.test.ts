import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../testing/test-api.js';
import { FAKE_JOB, fakeBackend } from '../../../testing/test-backend.js';
import { call, sessionCookieFrom } from '../../../testing/test-http.js';

describe('API tokens over HTTP', () => {
  let api: TestApi;
  let admin: string;
  const asAdmin = (path: string, input: unknown) =>
    call(api.url, 'mutation', path, input, { cookie: admin });
  const withToken = (type: 'query' | 'mutation', path: string, input: unknown, bearer: string) =>
    call(api.url, type, path, input, { bearer });
  const createToken = async (input: Record<string, unknown>) => {
    const created = await asAdmin('tokens.create', input);
    expect(created.code).toBeNull();
    return created.data as { token: string; info: { prefix: string; createdBy: string } };
  };

  let rootPassword: string;
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    rootPassword = (await api.createUser('root', 'admin')).password;
  });
  // Afresh for each test: the expiry test moves the clock past any earlier session's end.
  beforeEach(async () => {
    admin = sessionCookieFrom(
      await call(api.url, 'mutation', 'auth.login', { username: 'root', password: rootPassword }),
    );
  });
  afterAll(() => api?.close());

  it('shows a token once, then only its prefix', async () => {
    const { token, info } = await createToken({ name: 'ci-read', role: 'viewer' });
    expect(token).toMatch(/^weir_[\w-]{43}$/);
    expect(info).toMatchObject({ prefix: token.slice(0, 11), createdBy: 'root' });
    const listed = await call(api.url, 'query', 'tokens.list', undefined, { cookie: admin });
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(listed.data).toEqual([expect.objectContaining({ name: 'ci-read', revokedAt: null })]);
  });

  it('authenticates a bearer token with its own role and names it in the audit trail', async () => {
    const viewer = (await createToken({ name: 'ci-viewer', role: 'viewer' })).token;
    const operator = (await createToken({ name: 'ci-operator', role: 'operator' })).token;
    expect((await withToken('query', 'auth.me', undefined, viewer)).data).toEqual({
      name: 'token:ci-viewer',
      role: 'viewer',
      kind: 'token',
    });
    expect((await withToken('query', 'jobs.list', undefined, viewer)).code).toBeNull();
    const refused = await withToken('mutation', 'savepoints.trigger', { jobId: FAKE_JOB }, viewer);
    expect(refused.code).toBe('FORBIDDEN');
    const taken = await withToken('mutation', 'savepoints.trigger', { jobId: FAKE_JOB }, operator);
    expect(taken.code).toBeNull();

    const rows = await api.store.audit.list({ action: 'savepoints.trigger', limit: 10 });
    expect(rows.map((r) => [r.actor, r.result])).toEqual([
      ['token:ci-operator', 'ok'],
      ['token:ci-viewer', 'error'],
    ]);
  });

  it('stops accepting a token once it is revoked', async () => {
    const { token } = await createToken({ name: 'ci-revoked', role: 'operator' });
    expect((await withToken('query', 'jobs.list', undefined, token)).code).toBeNull();
    const revoked = await asAdmin('tokens.revoke', { name: 'ci-revoked' });
    expect(revoked.data).toMatchObject({ name: 'ci-revoked', revokedAt: expect.any(String) });
    const after = await withToken('query', 'jobs.list', undefined, token);
    expect(after.status).toBe(401);
    expect(after.code).toBe('UNAUTHORIZED');
  });

  it('stops accepting a token after its expiry, by the injected clock', async () => {
    const { token } = await createToken({ name: 'ci-day', role: 'viewer', expiresInDays: 1 });
    api.clock.advance(86_400_000 - 1);
    expect((await withToken('query', 'jobs.list', undefined, token)).code).toBeNull();
    api.clock.advance(1);
    expect((await withToken('query', 'jobs.list', undefined, token)).code).toBe('UNAUTHORIZED');
  });

  it('looks only at the bearer header when one is sent, not at a cookie beside it', async () => {
    const result = await call(api.url, 'query', 'jobs.list', undefined, {
      cookie: admin,
      bearer: 'weir_not-a-real-token',
    });
    expect(result.code).toBe('UNAUTHORIZED');
  });

  it('refuses a second token with the same name', async () => {
    await createToken({ name: 'ci-twice', role: 'viewer' });
    const again = await asAdmin('tokens.create', { name: 'ci-twice', role: 'viewer' });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe('a token named ci-twice already exists');
  });
});
