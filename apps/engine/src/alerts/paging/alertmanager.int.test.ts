import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONSOLE_URL, PagingHarness } from '../../../testing/paging-harness.js';
import { waitFor } from '../../../testing/wait-for.js';

const SERVICES = new URL('../../../../../scripts/services/alertmanager.mjs', import.meta.url).href;

interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

let alertmanager: { url: string; stop(): Promise<void> };
let h: PagingHarness;

beforeAll(async () => {
  const { startAlertmanager } = (await import(SERVICES)) as {
    startAlertmanager(): Promise<typeof alertmanager>;
  };
  alertmanager = await startAlertmanager();
}, 300_000);
afterAll(async () => {
  await h?.close();
  await alertmanager?.stop();
});

/** What the real Alertmanager holds as active for the payments job. */
async function activeAlerts(): Promise<AlertmanagerAlert[]> {
  const res = await fetch(`${alertmanager.url}/api/v2/alerts?filter=job%3D%22payments%22`);
  expect(res.status).toBe(200);
  return (await res.json()) as AlertmanagerAlert[];
}

it('posts incidents to a real Alertmanager, keeps them active while firing, and resolves them', async () => {
  h = await PagingHarness.start();
  // Alertmanager judges startsAt and endsAt by its own clock.
  h.now = Date.now();
  const channel = await h.addChannel('am', { kind: 'alertmanager', url: alertmanager.url });
  await h.route(channel, '*');
  await h.failJob();
  const notifier = h.notifier();
  expect(await notifier.deliverDue()).toBe(1);

  const [alert] = await waitFor('the alert in Alertmanager', async () => {
    const alerts = await activeAlerts();
    return alerts.length > 0 ? alerts : null;
  });
  const link = `${CONSOLE_URL}/clusters/embedded/jobs/payments`;
  expect(alert).toMatchObject({
    labels: {
      alertname: 'WeirJobFailed',
      job: 'payments',
      cluster: 'embedded',
      severity: 'critical',
      rule: 'job-failed',
    },
    annotations: { summary: 'payments: the job failed', link },
    generatorURL: link,
    status: { state: 'active' },
  });
  expect(Date.parse(alert?.startsAt ?? '')).toBe(h.now);
  const firstEnd = Date.parse(alert?.endsAt ?? '');
  expect(firstEnd).toBe(h.now + h.paging.alertmanagerValidMs);

  // Still firing a while later: posted again, so Alertmanager holds it longer.
  h.now = Date.now() + h.paging.alertmanagerValidMs / 2;
  await notifier.deliverDue();
  await waitFor('the alert held longer', async () => {
    const [again] = await activeAlerts();
    return again && Date.parse(again.endsAt) > firstEnd;
  });

  h.now = Date.now();
  await h.recoverJob();
  expect(await notifier.deliverDue()).toBe(1);
  await waitFor('the alert resolved in Alertmanager', async () =>
    (await activeAlerts()).length === 0 ? true : null,
  );
  expect(await h.deliveries()).toEqual([
    ['am', 'firing', 'delivered', 1],
    ['am', 'resolved', 'delivered', 1],
  ]);
}, 120_000);
