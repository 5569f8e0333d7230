import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ORIGIN, startTestApi, type TestApi } from '../../testing/test-api.js';
import { FAKE_JOB, fakeBackend } from '../../testing/test-backend.js';
import { type CallOptions, call, sessionCookieFrom } from '../../testing/test-http.js';

const FOREIGN = 'http://evil.example';

describe('cross-site request refusal', () => {
  let api: TestApi;
  let cookie: string;
  let bearer: string;
  const trigger = (options: CallOptions) =>
    call(api.url, 'mutation', 'savepoints.trigger', { jobId: FAKE_JOB }, options);

  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    const { password } = await api.createUser('ops', 'admin');
    cookie = sessionCookieFrom(
      await call(api.url, 'mutation', 'auth.login', { username: 'ops', password }),
    );
    const token = await call(
      api.url,
      'mutation',
      'tokens.create',
      { name: 'ci', role: 'operator' },
      { cookie },
    );
    bearer = (token.data as { token: string }).token;
  });
  afterAll(() => api?.close());

  it('refuses a signed-in mutation from a foreign origin, and audits the attempt', async () => {
    const refused = await trigger({ cookie, origin: FOREIGN });
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/^Cross-site request refused/);
    const [row] = await api.store.audit.list({ action: 'savepoints.trigger', limit: 1 });
    expect(row).toMatchObject({ actor: 'ops', result: 'error', message: refused.message });
  });

  it('refuses an opaque origin and a sign-in from a foreign origin', async () => {
    expect((await trigger({ cookie, origin: 'null' })).code).toBe('FORBIDDEN');
    const login = await call(
      api.url,
      'mutation',
      'auth.login',
      { username: 'ops', password: 'irrelevant-here' },
      { origin: FOREIGN },
    );
    expect(login.code).toBe('FORBIDDEN');
  });

  it("accepts the engine's own origin, the configured console's, and no Origin at all", async () => {
    expect((await trigger({ cookie, origin: api.url })).code).toBeNull();
    expect((await trigger({ cookie, origin: CONSOLE_ORIGIN })).code).toBeNull();
    expect((await trigger({ cookie })).code).toBeNull();
  });

  it('refuses a foreign Origin that names itself as the forwarded host', async () => {
    const forged = { cookie, origin: FOREIGN, headers: { 'x-forwarded-host': 'evil.example' } };
    expect((await trigger(forged)).code).toBe('FORBIDDEN');
  });

  it('exempts bearer-token calls, which a browser cannot be tricked into sending', async () => {
    expect((await trigger({ bearer, origin: FOREIGN })).code).toBeNull();
  });

  it('lets reads through from anywhere: they change nothing', async () => {
    const read = await call(api.url, 'query', 'jobs.list', undefined, { cookie, origin: FOREIGN });
    expect(read.code).toBeNull();
  });
});
