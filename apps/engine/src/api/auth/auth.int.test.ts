import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOGIN_LIMIT,
  SESSION_TTL_MS,
  startTestApi,
  type TestApi,
} from '../../../testing/test-api.js';
import { FAKE_JOB, fakeBackend } from '../../../testing/test-backend.js';
import { call, sessionCookieFrom } from '../../../testing/test-http.js';
import { hashSecret } from '../../auth/secrets.js';

describe('signing in and out over HTTP', () => {
  let api: TestApi;
  const query = (path: string, input: unknown, cookie?: string) =>
    call(api.url, 'query', path, input, cookie === undefined ? {} : { cookie });
  const mutate = (path: string, input: unknown, cookie?: string) =>
    call(api.url, 'mutation', path, input, cookie === undefined ? {} : { cookie });
  /** Signs in; `headers` can name the browser's address as the console would forward it. */
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    call(api.url, 'mutation', 'auth.login', { username, password }, { headers });

  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
  });
  afterAll(() => api?.close());

  it('sets an http-only, same-site session cookie with the session lifetime', async () => {
    const olga = await api.createUser('olga', 'operator');
    const result = await login('olga', olga.password);
    expect(result.data).toEqual({ name: 'olga', role: 'operator', kind: 'user' });
    const [cookie] = result.setCookies;
    expect(cookie).toMatch(/^weir_session=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_TTL_MS / 1000}`);
    // Plain http here: a Secure cookie would never come back.
    expect(cookie).not.toContain('Secure');

    const session = sessionCookieFrom(result);
    expect((await query('auth.me', undefined, session)).data).toEqual(result.data);
    expect((await query('jobs.list', undefined, session)).code).toBeNull();
    expect((await mutate('savepoints.trigger', { jobId: FAKE_JOB }, session)).code).toBeNull();
  });

  it('stores only a hash of the session id', async () => {
    const sam = await api.createUser('sam', 'viewer');
    const session = sessionCookieFrom(await login('sam', sam.password));
    const secret = session.split('=')[1] as string;
    expect(await api.store.sessions.findActive(secret, api.auth.now())).toBeNull();
    expect(await api.store.sessions.findActive(hashSecret(secret), api.auth.now())).toMatchObject({
      username: 'sam',
    });
  });

  it('answers a wrong password or unknown user with the same UNAUTHORIZED', async () => {
    await api.createUser('wendy', 'viewer');
    const wrong = await login('wendy', 'not-her-password');
    const unknown = await login('nobody-here', 'whatever-password');
    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(401);
      expect(result.code).toBe('UNAUTHORIZED');
      expect(result.message).toBe('Wrong username or password.');
      expect(result.setCookies).toEqual([]);
    }
  });

  it('logs out for real: the old cookie stops working and is cleared', async () => {
    const lou = await api.createUser('lou', 'viewer');
    const session = sessionCookieFrom(await login('lou', lou.password));
    const out = await mutate('auth.logout', undefined, session);
    expect(out.data).toEqual({ signedOut: true });
    expect(out.setCookies[0]).toMatch(/^weir_session=; .*Max-Age=0/);
    expect((await query('auth.me', undefined, session)).data).toBeNull();
    expect((await query('jobs.list', undefined, session)).code).toBe('UNAUTHORIZED');
  });

  it('expires a session after its lifetime, by the injected clock', async () => {
    const eve = await api.createUser('eve', 'viewer');
    const session = sessionCookieFrom(await login('eve', eve.password));
    api.clock.advance(SESSION_TTL_MS - 1000);
    expect((await query('jobs.list', undefined, session)).code).toBeNull();
    api.clock.advance(1000);
    const expired = await query('jobs.list', undefined, session);
    expect(expired.status).toBe(401);
    expect(expired.code).toBe('UNAUTHORIZED');
  });

  it('signs a disabled user out everywhere and refuses their password', async () => {
    const dan = await api.createUser('dan', 'operator');
    const admin = await api.createUser('ada', 'admin');
    const session = sessionCookieFrom(await login('dan', dan.password));
    const adminSession = sessionCookieFrom(await login('ada', admin.password));
    const disabled = await mutate(
      'users.setDisabled',
      { username: 'dan', disabled: true },
      adminSession,
    );
    expect(disabled).toMatchObject({ code: null, data: { username: 'dan', disabled: true } });
    expect((await query('jobs.list', undefined, session)).code).toBe('UNAUTHORIZED');
    expect((await login('dan', dan.password)).code).toBe('UNAUTHORIZED');
  });

  it('rate-limits failed sign-ins per user and address, even for the right password', async () => {
    const rita = await api.createUser('rita', 'viewer');
    for (let i = 0; i < LOGIN_LIMIT; i += 1) {
      expect((await login('rita', 'wrong-password')).code).toBe('UNAUTHORIZED');
    }
    const limited = await login('rita', rita.password);
    expect(limited.status).toBe(429);
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toBe('Too many sign-in attempts; try again in 60 s.');
    expect(limited.headers.get('retry-after')).toBe('60');
    // Another account from the same address is not affected.
    const other = await api.createUser('otto', 'viewer');
    expect((await login('otto', other.password)).code).toBeNull();

    api.clock.advance(60_000);
    expect((await login('rita', rita.password)).code).toBeNull();
  });

  it('counts concurrent wrong passwords before checking them: 40 at once, only the limit answered 401', async () => {
    await api.createUser('carl', 'viewer');
    const from = { 'x-forwarded-for': '198.51.100.40' };
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => login('carl', 'wrong-password', from)),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(LOGIN_LIMIT);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(40 - LOGIN_LIMIT);
    expect(limited.every((a) => Number(a.headers.get('retry-after')) > 0)).toBe(true);
  });

  it('never locks the right password out from a fresh address, however many addresses failed', async () => {
    const target = await api.createUser('target', 'admin');
    for (let i = 0; i < 30; i += 1)
      await login('target', 'wrong-password', { 'x-forwarded-for': `203.0.113.${i}` });
    const fresh = await login('target', target.password, { 'x-forwarded-for': '192.0.2.77' });
    expect(fresh.code).toBeNull();
  });

  it('limits one address however many (unknown) usernames it tries', async () => {
    const from = { 'x-forwarded-for': '198.51.100.99' };
    const codes: Array<string | null> = [];
    for (let i = 0; i < LOGIN_LIMIT * 4 + 1; i += 1)
      codes.push((await login(`nobody-${i}`, 'whatever-password', from)).code);
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
    expect(codes.slice(0, LOGIN_LIMIT * 4).every((c) => c === 'UNAUTHORIZED')).toBe(true);
  });
});
