import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, userPrincipal } from '../../../testing/test-api.js';
import { fakeBackend } from '../../../testing/test-backend.js';

describe('the alerts API', () => {
  let api: TestApi;
  const admin = () => api.callerAs(userPrincipal('ada', 'admin'));
  const viewer = () => api.callerAs(userPrincipal('vic', 'viewer'));
  const rule = {
    jobId: 'job-a',
    name: 'many-dead-letters',
    kind: 'dead-letters',
    threshold: 5,
    windowMs: 60_000,
    forMs: 0,
    severity: 'critical',
  } as const;

  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
  });
  afterAll(() => api?.close());

  it('lets admins add and edit rules, audited, and everyone read them', async () => {
    const created = await admin().alerts.createRule(rule);
    expect(created).toMatchObject({ ...rule, enabled: true });
    await expect(admin().alerts.createRule(rule)).rejects.toThrow(
      'job job-a already has a rule named many-dead-letters',
    );
    const edited = await admin().alerts.updateRule({
      id: created.id,
      threshold: 50,
      enabled: false,
    });
    expect(edited).toMatchObject({ threshold: 50, enabled: false });
    expect(await viewer().alerts.rules()).toEqual([edited]);
    const audited = await api.store.audit.list({ actor: 'ada', limit: 10 });
    expect(audited.map((r) => [r.action, r.result])).toEqual([
      ['alerts.updateRule', 'ok'],
      ['alerts.createRule', 'error'],
      ['alerts.createRule', 'ok'],
    ]);
  });

  it('rejects a kind it cannot evaluate', async () => {
    const error = await admin()
      // A kind no evaluator knows, as a hand-written API call could send.
      .alerts.createRule({ ...rule, name: 'disk', kind: 'disk-full' as 'dead-letters' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });

  it('shows firing incidents, history and per-hour counts', async () => {
    const [created] = await viewer().alerts.rules();
    if (!created) throw new Error('no rule');
    const firedAt = api.auth.now();
    const id = await api.store.alerts.openAlert({
      rule: created,
      value: 9,
      summary: 'job-a: 9 dead letters per minute (limit 5)',
      firedAt,
      notify: true,
    });
    const current = await viewer().alerts.current();
    expect(
      current.firing.map((a) => [a.id, a.state, a.notifications.map((n) => n.status)]),
    ).toEqual([[id, 'firing', ['pending']]]);
    expect(current.pending).toEqual([]);

    await api.store.alerts.resolveAlert(id, new Date(firedAt.getTime() + 1000), true);
    const history = await viewer().alerts.history({ limit: 10 });
    expect(history.rows[0]).toMatchObject({ id, state: 'resolved' });
    expect(history.rows[0]?.notifications.map((n) => n.event)).toEqual(['firing', 'resolved']);

    const stats = await viewer().alerts.stats({ hours: 3 });
    expect(stats.buckets).toHaveLength(3);
    expect(stats.rules).toEqual([
      { ruleId: created.id, name: 'many-dead-letters', jobId: 'job-a', counts: [0, 0, 1] },
    ]);
  });
});
