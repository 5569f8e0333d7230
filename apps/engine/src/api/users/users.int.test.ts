import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../testing/test-api.js';
import { fakeBackend } from '../../../testing/test-backend.js';
import { call, sessionCookieFrom } from '../../../testing/test-http.js';

describe('user management over HTTP', () => {
  let api: TestApi;
  let admin: string;
  const login = async (username: string, password: string) =>
    call(api.url, 'mutation', 'auth.login', { username, password });
  const asAdmin = (path: string, input: unknown) =>
    call(api.url, 'mutation', path, input, { cookie: admin });
  const me = (cookie: string) => call(api.url, 'query', 'auth.me', undefined, { cookie });

  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    const { password } = await api.createUser('boss', 'admin');
    admin = sessionCookieFrom(await login('boss', password));
  });
  afterAll(() => api?.close());

  it('generates a password when none is given, returns it once, and it signs in', async () => {
    const created = await asAdmin('users.create', { username: '  Nina ', role: 'operator' });
    const { user, password } = created.data as { user: { username: string }; password: string };
    expect(user.username).toBe('nina');
    expect(password).toMatch(/^[\w-]{24}$/);
    expect((await login('nina', password)).data).toMatchObject({ role: 'operator' });

    const given = await asAdmin('users.create', {
      username: 'gus',
      role: 'viewer',
      password: 'chosen-by-admin',
    });
    expect(given.data).toMatchObject({ password: null });
  });

  it('refuses usernames that could pass for a token actor, and short passwords', async () => {
    const colon = await asAdmin('users.create', { username: 'token:ci', role: 'admin' });
    expect(colon.code).toBe('BAD_REQUEST');
    expect(colon.message).toMatch(/^invalid input: username: /);
    const short = await asAdmin('users.create', {
      username: 'shorty',
      role: 'viewer',
      password: 'x',
    });
    expect(short.message).toMatch(/^invalid input: password: /);
  });

  it("signs a user out when an admin resets their password, but keeps the admin's own session", async () => {
    const { password } = await api.createUser('pia', 'viewer');
    const pia = sessionCookieFrom(await login('pia', password));
    const reset = await asAdmin('users.resetPassword', { username: 'pia' });
    const fresh = (reset.data as { password: string }).password;
    expect((await me(pia)).data).toBeNull();
    expect((await login('pia', password)).code).toBe('UNAUTHORIZED');
    expect((await login('pia', fresh)).code).toBeNull();

    const own = await asAdmin('users.resetPassword', {
      username: 'boss',
      password: 'new-boss-pass',
    });
    expect(own.code).toBeNull();
    expect((await me(admin)).data).toMatchObject({ name: 'boss' });
  });

  it('always keeps one enabled admin', async () => {
    const demote = await asAdmin('users.setRole', { username: 'boss', role: 'operator' });
    expect(demote.code).toBe('CONFLICT');
    expect((await asAdmin('users.setDisabled', { username: 'boss', disabled: true })).code).toBe(
      'CONFLICT',
    );
    await api.createUser('second', 'admin');
    expect(
      (await asAdmin('users.setRole', { username: 'boss', role: 'operator' })).code,
    ).toBeNull();
    // The change applies on the next request: roles are read per request, not kept in the cookie.
    expect((await me(admin)).data).toMatchObject({ role: 'operator' });
    expect((await asAdmin('users.setRole', { username: 'boss', role: 'admin' })).code).toBe(
      'FORBIDDEN',
    );
  });
});
