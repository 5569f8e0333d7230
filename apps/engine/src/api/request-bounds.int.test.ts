import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_REFUSAL_LIMIT, startTestApi, type TestApi } from '../../testing/test-api.js';
import { FAKE_JOB, fakeBackend } from '../../testing/test-backend.js';
import { call } from '../../testing/test-http.js';
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from './trpc.js';

/** Issue 15, finding 2: what one request, or a flood of signed-out ones, can make the engine keep. */
describe('request bounds', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
  });
  afterAll(() => api?.close());

  const rows = async () => (await api.store.audit.list({ limit: 500 })).length;

  it('refuses a body over the limit with 413, naming the limit, in one small row', async () => {
    const before = await rows();
    const huge = { id: 'x', padding: 'y'.repeat(10 * 1024 * 1024) };
    const answer = await call(api.url, 'mutation', 'jobs.submit', huge);
    expect(answer.status).toBe(413);
    expect(answer.message).toBe(`Request body over the limit of ${MAX_BODY_BYTES} bytes.`);
    expect(await rows()).toBe(before + 1);
    const [row] = await api.store.audit.list({ limit: 1 });
    expect(row).toMatchObject({ action: 'jobs.submit', result: 'error', params: { input: null } });
  });

  it('refuses a batch of more calls than the limit, running none of them', async () => {
    const before = await rows();
    const paths = Array.from({ length: 300 }, () => 'jobs.cancel').join(',');
    const body = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [i, { jobId: FAKE_JOB }]),
    );
    const res = await fetch(`${api.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(await rows()).toBe(before);
    const allowed = Array.from({ length: MAX_BATCH_SIZE }, () => 'jobs.cancel').join(',');
    const fits = await fetch(`${api.url}/trpc/${allowed}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.3' },
      body: JSON.stringify(
        Object.fromEntries(
          Array.from({ length: MAX_BATCH_SIZE }, (_, i) => [i, { jobId: FAKE_JOB }]),
        ),
      ),
    });
    expect(fits.status).toBe(401);
    expect(await rows()).toBe(before + MAX_BATCH_SIZE);
  });

  it('records refused signed-out calls up to a limit per address, then one row saying so', async () => {
    const before = await rows();
    const from = { headers: { 'x-forwarded-for': '203.0.113.50' } };
    const codes: Array<string | null> = [];
    for (let i = 0; i < ANONYMOUS_REFUSAL_LIMIT.maxFailures + 20; i += 1)
      codes.push((await call(api.url, 'mutation', 'jobs.cancel', { jobId: FAKE_JOB }, from)).code);
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(
      ANONYMOUS_REFUSAL_LIMIT.maxFailures,
    );
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(20);
    expect(await rows()).toBe(before + ANONYMOUS_REFUSAL_LIMIT.maxFailures + 1);
    const [last] = await api.store.audit.list({ limit: 1 });
    expect(last?.message).toMatch(/Until then such calls from it are not recorded/);
    const limited = await call(api.url, 'mutation', 'jobs.cancel', { jobId: FAKE_JOB }, from);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    const other = await call(
      api.url,
      'mutation',
      'jobs.cancel',
      { jobId: FAKE_JOB },
      {
        headers: { 'x-forwarded-for': '203.0.113.51' },
      },
    );
    expect(other.code).toBe('UNAUTHORIZED');
  });
});
