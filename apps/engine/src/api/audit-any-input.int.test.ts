import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allProcedures, apiLogLines, startTestApi, type TestApi } from '../../testing/test-api.js';
import { FAKE_JOB, fakeBackend } from '../../testing/test-backend.js';
import { call, sessionCookieFrom } from '../../testing/test-http.js';
import { AUDIT_LIMITS } from './audit-params.js';

/** JSON of `[[[...]]]` nested `depth` levels: more than a recursive walk or jsonb takes. */
const nested = (depth: number) => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
const withJunk = `{"jobId":"${'job-a'}","junk":${nested(5000)}}`;

/** One mutation of each router: every router's calls go through the same audit. */
const oneMutationPerRouter = [
  ...new Map(
    allProcedures()
      .filter((p) => p.type === 'mutation')
      .map((p) => [p.path.split('.')[0], p.path] as const),
  ).values(),
];

describe('an audit row for every mutation, whatever its input', () => {
  let api: TestApi;
  let cookie: string;
  let admin: { username: string; password: string };
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
    admin = await api.createUser('root', 'admin');
  });
  // A fresh session for each test: the auth router's case signs out.
  beforeEach(async () => {
    cookie = sessionCookieFrom(await call(api.url, 'mutation', 'auth.login', admin));
  });
  afterAll(() => api?.close());

  const rowsOf = async (action: string) =>
    (await api.store.audit.list({ action, limit: 500 })).length;

  it('covers several routers', () => {
    expect(oneMutationPerRouter.length).toBeGreaterThanOrEqual(6);
  });

  it.each(oneMutationPerRouter)(
    '%s with junk nested 5000 deep and a NUL byte leaves one row each',
    async (path) => {
      for (const rawBody of [
        withJunk,
        JSON.stringify({ jobId: `${FAKE_JOB}\0evil`, name: 'a\0b', '\0key': 1 }),
      ]) {
        const before = await rowsOf(path);
        const answer = await call(api.url, 'mutation', path, undefined, { cookie, rawBody });
        // The fake backend lacks some calls: their TypeError stays in the log, never the answer.
        if (answer.status === 500) expect(answer.message).toMatch(/^Internal error [0-9a-f]{12}:/);
        expect(await rowsOf(path)).toBe(before + 1);
      }
    },
  );

  it('keeps what the rows say bounded and readable', async () => {
    await call(
      api.url,
      'mutation',
      'savepoints.trigger',
      { jobId: FAKE_JOB, junk: nested(5000) },
      { cookie },
    );
    const [row] = await api.store.audit.list({ action: 'savepoints.trigger', limit: 1 });
    expect(row?.params).toMatchObject({ jobId: FAKE_JOB });
    expect(JSON.stringify(row?.params).length).toBeLessThanOrEqual(AUDIT_LIMITS.paramsChars);
    await call(api.url, 'mutation', 'jobs.cancel', { jobId: 'x'.repeat(200_000) }, { cookie });
    const [long] = await api.store.audit.list({ action: 'jobs.cancel', limit: 1 });
    expect(JSON.stringify(long?.params).length).toBeLessThanOrEqual(AUDIT_LIMITS.paramsChars);
    expect(long?.jobId?.length).toBeLessThanOrEqual(200);
  });

  it('does nothing when the row cannot be written', async () => {
    const db = new pg.Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      const first = await call(
        api.url,
        'mutation',
        'savepoints.trigger',
        { jobId: FAKE_JOB },
        { cookie },
      );
      const taken = (first.data as { checkpointId: number }).checkpointId;
      await db.query(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage is full'; END $$`);
      await db.query(
        'CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_audit()',
      );
      const refused = await call(
        api.url,
        'mutation',
        'savepoints.trigger',
        { jobId: FAKE_JOB },
        { cookie },
      );
      expect(refused.status).toBe(500);
      expect(refused.message).toMatch(/audit trail cannot be written, so nothing was done/);
      expect(refused.message).not.toMatch(/storage is full/);
      // The caller gets an id; the log has the cause under the same id.
      const errorId = /error ([0-9a-f]{12})/.exec(refused.message ?? '')?.[1];
      expect(
        apiLogLines.some((l) => l.includes(`${errorId}`) && l.includes('storage is full')),
      ).toBe(true);
      await db.query('DROP TRIGGER refuse_audit ON "AuditEvent"');
      const next = await call(
        api.url,
        'mutation',
        'savepoints.trigger',
        { jobId: FAKE_JOB },
        { cookie },
      );
      // The refused call took no savepoint: the next one is numbered right after the first.
      expect((next.data as { checkpointId: number }).checkpointId).toBe(taken + 1);
    } finally {
      await db.end();
    }
  });
});
