import { randomBytes } from 'node:crypto';
import { problemsOf } from '@weir/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { type HttpReceiver, startHttpReceiver } from '../../../testing/http-receiver.js';
import { startTestApi, type TestApi, userPrincipal } from '../../../testing/test-api.js';
import { fakeBackend } from '../../../testing/test-backend.js';

const SLACK_URL = 'https://hooks.slack.example/services/T0/B0/slack-url-token-1234';
const SMTP_PASSWORD = 'smtp-password-5678';

/** "field: message" of each problem zod found with the input; fails when the call passed. */
async function refusedInput(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => new Error('the call was taken'),
    (e: unknown) => e as Error,
  );
  if (!(error.cause instanceof ZodError)) throw error;
  return problemsOf(error.cause).map((p) => `${p.field}: ${p.message}`);
}

describe('the paging API', () => {
  let api: TestApi;
  let receiver: HttpReceiver;
  const admin = () => api.callerAs(userPrincipal('ada', 'admin'));
  const operator = () => api.callerAs(userPrincipal('otto', 'operator'));
  const viewer = () => api.callerAs(userPrincipal('vic', 'viewer'));

  /** The audit rows `call` leaves: exactly one is expected of every mutation. */
  async function auditedOnce<T>(action: string, call: () => Promise<T>) {
    const before = await api.store.audit.list({ action, limit: 500 });
    const outcome = await call().then(
      (value) => ({ value, error: null }),
      (error: unknown) => ({ value: null, error: error as Error }),
    );
    const after = await api.store.audit.list({ action, limit: 500 });
    expect(after.length - before.length).toBe(1);
    return { ...outcome, row: after[0] };
  }

  beforeAll(async () => {
    receiver = await startHttpReceiver();
    api = await startTestApi(fakeBackend(), {
      clusterSecretsKey: randomBytes(32),
      paging: { consoleUrl: 'https://weir.example.com' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  it('lets only admins add channels, seals their secrets, and never shows or audits them', async () => {
    const slack = {
      name: 'team-slack',
      settings: { kind: 'slack' as const },
      secrets: { url: SLACK_URL },
    };
    for (const caller of [viewer, operator]) {
      const refused = await auditedOnce('alerts.addChannel', () =>
        caller().alerts.addChannel(slack),
      );
      expect(refused.error?.message).toMatch(/Needs the admin role/);
      expect(JSON.stringify(refused.row?.params)).not.toContain('slack-url-token');
    }
    const added = await auditedOnce('alerts.addChannel', () => admin().alerts.addChannel(slack));
    expect(added.value).toMatchObject({
      name: 'team-slack',
      kind: 'slack',
      builtIn: false,
      secrets: { url: 'set' },
      createdBy: 'ada',
    });
    expect(added.row).toMatchObject({ actor: 'ada', result: 'ok' });
    expect(added.row?.params).toMatchObject({ secrets: '[redacted]' });

    const mail = await auditedOnce('alerts.addChannel', () =>
      admin().alerts.addChannel({
        name: 'oncall-mail',
        settings: {
          kind: 'email',
          host: 'smtp.example.com',
          port: 587,
          security: 'starttls',
          user: 'weir',
          from: 'weir@example.com',
          to: ['oncall@example.com'],
        },
        secrets: { password: SMTP_PASSWORD },
      }),
    );
    expect(mail.value?.secrets).toEqual({ password: 'set' });
    expect(mail.value?.target).toBe('oncall@example.com via smtp.example.com:587');

    const listed = JSON.stringify(await viewer().alerts.channels());
    const audited = JSON.stringify(await api.store.audit.list({ limit: 500 }));
    for (const secret of ['slack-url-token', SMTP_PASSWORD]) {
      expect(listed).not.toContain(secret);
      expect(audited).not.toContain(secret);
    }
    // Sealed in the database too: a dump does not hold them.
    const [row] = await api.store.alerts.channels.list();
    expect(row?.sealedSecrets).not.toContain('slack-url-token');
  });

  it('keeps secrets an edit leaves out, clears those it names, and refuses a kind without its secret', async () => {
    const [mail] = (await admin().alerts.channels()).filter((c) => c.name === 'oncall-mail');
    if (!mail?.settings) throw new Error('no mail channel');
    const settings = { ...mail.settings, port: 2525 } as typeof mail.settings;
    const kept = await admin().alerts.updateChannel({ id: mail.id, name: mail.name, settings });
    expect(kept).toMatchObject({
      secrets: { password: 'set' },
      target: expect.stringMatching(/:2525$/),
    });
    const cleared = await admin().alerts.updateChannel({
      id: mail.id,
      name: mail.name,
      settings,
      clearSecrets: ['password'],
    });
    expect(cleared.secrets).toEqual({ password: 'not set' });
    await expect(
      admin().alerts.updateChannel({ id: mail.id, name: mail.name, settings: { kind: 'slack' } }),
    ).rejects.toThrow('secrets.url: required for a slack channel');
    expect(
      await refusedInput(admin().alerts.addChannel({ name: 'bad', settings: { kind: 'slack' } })),
    ).toEqual(['secrets.url: required for a slack channel']);
  });

  it('sends a marked test notification and answers how it went, audited', async () => {
    const hook = await admin().alerts.addChannel({
      name: 'hook',
      settings: { kind: 'webhook', url: `${receiver.url}/hook` },
      secrets: { authorization: 'Bearer hook-token-42' },
    });
    const ok = await auditedOnce('alerts.testChannel', () =>
      admin().alerts.testChannel({ id: hook.id }),
    );
    expect(ok.value).toMatchObject({ delivered: true, error: null });
    const [request] = receiver.at('/hook');
    expect(request?.headers.authorization).toBe('Bearer hook-token-42');
    expect(request?.body).toMatchObject({
      status: 'test',
      test: true,
      text: '[TEST] Weir test notification (cluster test)',
      alert: { summary: 'Test notification for channel hook, sent by ada: nothing is firing.' },
    });

    receiver.answers.push(500);
    const failed = await admin().alerts.testChannel({ id: hook.id });
    expect(failed).toMatchObject({ delivered: false, error: 'HTTP 500' });

    const refused = await auditedOnce('alerts.testChannel', () =>
      operator().alerts.testChannel({ id: hook.id }),
    );
    expect(refused.error?.message).toMatch(/Needs the admin role/);
    await expect(admin().alerts.testChannel({ id: 0 })).rejects.toThrow(
      'built-in webhook (WEIR_ALERT_WEBHOOK_URL) not found',
    );
  });

  it('routes rules to channels; removing a channel removes its routes', async () => {
    const hook = (await viewer().alerts.channels()).find((c) => c.name === 'hook');
    if (!hook) throw new Error('no hook channel');
    const route = await auditedOnce('alerts.addRoute', () =>
      admin().alerts.addRoute({ channelId: hook.id, rule: 'job-failed', job: 'pay*' }),
    );
    expect(route.value).toMatchObject({ channel: 'hook', rule: 'job-failed', job: 'pay*' });
    await expect(
      admin().alerts.addRoute({ channelId: hook.id, rule: 'job-failed', job: 'pay*' }),
    ).rejects.toThrow(/has a route for rule job-failed on job pay\* already/);
    expect(
      await refusedInput(admin().alerts.addRoute({ channelId: hook.id, rule: 'Bad Rule' })),
    ).toEqual(['rule: a name, or a pattern with * and ?, at most 64']);
    await expect(operator().alerts.addRoute({ channelId: hook.id })).rejects.toThrow(
      /Needs the admin role/,
    );
    // The same rule and job with a job label is another route.
    const labelled = await admin().alerts.addRoute({
      channelId: hook.id,
      rule: 'job-failed',
      job: 'pay*',
      label: 'team=payments',
    });
    expect(labelled).toMatchObject({ label: 'team=payments' });
    expect(
      await refusedInput(admin().alerts.addRoute({ channelId: hook.id, label: 'team' })),
    ).toEqual(['label: a label and a value or pattern, such as team=payments']);
    expect((await viewer().alerts.routes()).map((r) => r.label).sort()).toEqual([
      '',
      'team=payments',
    ]);

    await auditedOnce('alerts.removeChannel', () => admin().alerts.removeChannel({ id: hook.id }));
    expect(await viewer().alerts.routes()).toEqual([]);
    expect((await viewer().alerts.channels()).map((c) => c.name)).not.toContain('hook');
  });

  it('lets operators silence and acknowledge incidents, shown on the dashboard', async () => {
    const rule = await admin().alerts.createRule({
      jobId: 'payments',
      name: 'failed',
      kind: 'job-failed',
      threshold: 1,
      windowMs: 0,
      forMs: 0,
      severity: 'critical',
    });
    const alertId = await api.store.alerts.openAlert({
      rule,
      value: 1,
      summary: 'payments: the job failed',
      firedAt: api.auth.now(),
      notify: false,
    });
    const endsAt = new Date(api.auth.now().getTime() + 3_600_000).toISOString();

    const refused = await auditedOnce('alerts.addSilence', () =>
      viewer().alerts.addSilence({ job: 'payments', endsAt, comment: 'maintenance' }),
    );
    expect(refused.error?.message).toMatch(/Needs the operator role/);
    expect(await refusedInput(operator().alerts.addSilence({ endsAt, comment: 'all' }))).toEqual([
      'rule: name a rule or a job (or both): a silence of everything is not one',
    ]);
    await expect(
      operator().alerts.addSilence({
        job: 'payments',
        endsAt: new Date(api.auth.now().getTime() - 1).toISOString(),
        comment: 'late',
      }),
    ).rejects.toThrow(/endsAt: must be in the future/);

    const silence = await auditedOnce('alerts.addSilence', () =>
      operator().alerts.addSilence({ rule: 'fail*', job: 'payments', endsAt, comment: 'deploy' }),
    );
    expect(silence.value).toMatchObject({ createdBy: 'otto', comment: 'deploy', endsAt });
    let [firing] = (await viewer().alerts.current()).firing;
    expect(firing).toMatchObject({
      id: alertId,
      silencedBy: { id: silence.value?.id, createdBy: 'otto', comment: 'deploy', endsAt },
      acknowledgedBy: null,
    });

    const ack = await auditedOnce('alerts.acknowledge', () =>
      operator().alerts.acknowledge({ id: alertId }),
    );
    expect(ack.value).toMatchObject({ id: alertId, acknowledgedBy: 'otto' });
    await expect(admin().alerts.acknowledge({ id: alertId })).rejects.toThrow(
      `alert ${alertId} was acknowledged already, by otto`,
    );
    const viewerAck = await auditedOnce('alerts.acknowledge', () =>
      viewer().alerts.acknowledge({ id: alertId }),
    );
    expect(viewerAck.error?.message).toMatch(/Needs the operator role/);

    await auditedOnce('alerts.expireSilence', () =>
      operator().alerts.expireSilence({ id: silence.value?.id ?? 0 }),
    );
    [firing] = (await viewer().alerts.current()).firing;
    expect(firing).toMatchObject({ silencedBy: null, acknowledgedBy: 'otto' });
    const silences = await viewer().alerts.silences();
    expect(silences.active).toEqual([]);
    expect(silences.expired).toMatchObject([{ id: silence.value?.id, expiredBy: 'otto' }]);
    await expect(operator().alerts.expireSilence({ id: silence.value?.id ?? 0 })).rejects.toThrow(
      /ended already/,
    );
  });
});

describe('the paging API without WEIR_CLUSTER_SECRETS_KEY', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fakeBackend());
  });
  afterAll(() => api?.close());

  it('refuses a channel with a secret, naming the variable, and takes one without', async () => {
    await expect(
      api.callerAs(userPrincipal('ada', 'admin')).alerts.addChannel({
        name: 'team-slack',
        settings: { kind: 'slack' },
        secrets: { url: SLACK_URL },
      }),
    ).rejects.toThrow(/secrets\.url: .*WEIR_CLUSTER_SECRETS_KEY/);
    const hook = await api.callerAs(userPrincipal('ada', 'admin')).alerts.addChannel({
      name: 'hook',
      settings: { kind: 'webhook', url: 'http://127.0.0.1:9/hook' },
    });
    expect(hook).toMatchObject({ secrets: { authorization: 'not set' } });
  });
});
