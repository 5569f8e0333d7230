import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../../testing/http-receiver.js';
import { CONSOLE_URL, PagingHarness } from '../../../testing/paging-harness.js';
import { backoffMs } from './paging-notifier.js';

interface WebhookBody {
  status: string;
  dedupKey: string;
  test: boolean;
  text: string;
  alert: { job: string; jobCluster: string; rule: string; severity: string; link: string };
}

const bodies = (receiver: HttpReceiver, path: string) =>
  receiver.at(path).map((r) => r.body as WebhookBody);
const JOB_LINK = `${CONSOLE_URL}/clusters/embedded/jobs/payments`;

describe('PagingNotifier against local receivers', () => {
  let receiver: HttpReceiver;
  let h: PagingHarness;

  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await receiver?.close();
    await h?.close();
  });

  describe('the built-in webhook', () => {
    beforeEach(async () => {
      h = await PagingHarness.start({ builtInWebhookUrl: `${receiver.url}/hook` });
    });

    it('delivers one firing and one resolved notification per incident, retrying failures', async () => {
      const webhook = h.notifier();
      await h.failJob();
      receiver.answers.push(500, 500);

      expect(await webhook.deliverDue()).toBe(0);
      // Not due again before the backoff has passed.
      expect(await webhook.deliverDue()).toBe(0);
      h.now += backoffMs(1, 1000, 300_000);
      expect(await webhook.deliverDue()).toBe(0);
      expect(await h.deliveries()).toEqual([['built-in webhook', 'firing', 'pending', 2]]);
      h.now += backoffMs(2, 1000, 300_000);
      expect(await webhook.deliverDue()).toBe(1);

      // Still failing: evaluating again owes nothing new, and nothing is sent twice.
      await h.evaluator.evaluate();
      expect(await webhook.deliverDue()).toBe(0);
      await h.recoverJob();
      await h.evaluator.evaluate();
      expect(await webhook.deliverDue()).toBe(1);
      expect(await webhook.deliverDue()).toBe(0);

      const got = bodies(receiver, '/hook');
      expect(got.map((b) => [b.status, b.dedupKey])).toEqual([
        ['firing', expect.stringMatching(/^weir-test-alert-\d+-firing$/)],
        ['firing', got[0]?.dedupKey],
        ['firing', got[0]?.dedupKey],
        ['resolved', expect.stringMatching(/-resolved$/)],
      ]);
      expect(got[2]?.alert).toMatchObject({
        job: 'payments',
        jobCluster: 'embedded',
        rule: 'job-failed',
        severity: 'critical',
        link: JOB_LINK,
      });
      expect(await h.deliveries()).toEqual([
        ['built-in webhook', 'firing', 'delivered', 3],
        ['built-in webhook', 'resolved', 'delivered', 1],
      ]);
    });

    it('gives up after its attempts and shows the delivery as failed', async () => {
      await h.failJob();
      const webhook = h.notifier({ maxAttempts: 2 });
      receiver.answers.push(500, 500);
      await webhook.deliverDue();
      h.now += 60_000;
      await webhook.deliverDue();
      h.now += 60_000;
      expect(await webhook.deliverDue()).toBe(0);
      expect(receiver.received).toHaveLength(2);
      const [alert] = await h.store.alerts.history({ limit: 1 });
      expect(alert?.notifications).toMatchObject([
        { event: 'firing', status: 'failed', attempts: 2, lastError: 'HTTP 500' },
      ]);
    });

    it('records an unreachable webhook as a failed attempt with the reason', async () => {
      await h.failJob();
      await receiver.close();
      await h.notifier().deliverDue();
      const [alert] = await h.store.alerts.history({ limit: 1 });
      expect(alert?.notifications[0]?.lastError).toMatch(/ECONNREFUSED/);
    });
  });

  describe('channels and routes', () => {
    beforeEach(async () => {
      h = await PagingHarness.start();
    });

    it('sends each channel a firing notification exactly once, however many rounds run at once', async () => {
      const one = await h.addChannel('one', { kind: 'webhook', url: `${receiver.url}/one` });
      const two = await h.addChannel('two', { kind: 'webhook', url: `${receiver.url}/two` });
      await h.route(one, 'job-failed');
      await h.route(two, '*', 'pay*');
      await h.failJob();

      // Rounds side by side, as from two instances, and then again and again.
      const notifiers = [h.notifier(), h.notifier(), h.notifier()];
      for (let i = 0; i < 3; i++)
        await Promise.all(notifiers.flatMap((n) => [n.deliverDue(), n.deliverDue()]));

      expect(bodies(receiver, '/one').map((b) => b.status)).toEqual(['firing']);
      expect(bodies(receiver, '/two').map((b) => b.status)).toEqual(['firing']);
      expect(await h.deliveries()).toEqual([
        ['one', 'firing', 'delivered', 1],
        ['two', 'firing', 'delivered', 1],
      ]);
    });

    it('retries each channel on its own: a receiver failing twice gets it once, on the third try', async () => {
      const flaky = await startHttpReceiver();
      try {
        const steady = await h.addChannel('steady', { kind: 'webhook', url: `${receiver.url}/s` });
        const shaky = await h.addChannel('shaky', { kind: 'webhook', url: `${flaky.url}/f` });
        await h.route(steady, '*');
        await h.route(shaky, '*');
        flaky.answers.push(500, 500);
        await h.failJob();
        const notifier = h.notifier();
        for (let i = 0; i < 5; i++) {
          await notifier.deliverDue();
          h.now += 10_000;
        }
        expect(flaky.received.map((r) => (r.body as WebhookBody).status)).toEqual([
          'firing',
          'firing',
          'firing',
        ]);
        expect(bodies(receiver, '/s')).toHaveLength(1);
        // Routes are read in channel-name order.
        expect(await h.deliveries()).toEqual([
          ['shaky', 'firing', 'delivered', 3],
          ['steady', 'firing', 'delivered', 1],
        ]);
      } finally {
        await flaky.close();
      }
    });

    it('routes rule A only to channel 1 and rule B only to channel 2', async () => {
      await h.addRule('rule-b');
      const one = await h.addChannel('one', { kind: 'webhook', url: `${receiver.url}/one` });
      const two = await h.addChannel('two', { kind: 'webhook', url: `${receiver.url}/two` });
      await h.route(one, 'job-failed', 'payments');
      await h.route(two, 'rule-b');
      await h.failJob();
      await h.notifier().deliverDue();
      expect(bodies(receiver, '/one').map((b) => b.alert.rule)).toEqual(['job-failed']);
      expect(bodies(receiver, '/two').map((b) => b.alert.rule)).toEqual(['rule-b']);
    });

    it('sends a silenced incident nothing until the silence ends', async () => {
      const one = await h.addChannel('one', { kind: 'webhook', url: `${receiver.url}/one` });
      await h.route(one, '*');
      await h.silence({ rule: 'job-*', job: 'payments' }, 60_000);
      await h.failJob();
      const notifier = h.notifier();
      for (let i = 0; i < 5; i++) {
        await notifier.deliverDue();
        h.now += 10_000;
      }
      expect(receiver.received).toEqual([]);
      expect(await h.deliveries()).toEqual([['one', 'firing', 'pending', 0]]);

      h.now += 20_000; // past the silence's end
      await notifier.deliverDue();
      expect(bodies(receiver, '/one').map((b) => b.status)).toEqual(['firing']);
    });

    it('never sends an incident that fired and resolved within a silence', async () => {
      const one = await h.addChannel('one', { kind: 'webhook', url: `${receiver.url}/one` });
      await h.route(one, '*');
      await h.silence({ job: 'payments' }, 60_000);
      await h.failJob();
      const notifier = h.notifier();
      await notifier.deliverDue();
      h.now += 5_000;
      await h.recoverJob();
      h.now += 120_000;
      await notifier.deliverDue();
      await notifier.deliverDue();
      expect(receiver.received).toEqual([]);
      expect(await h.deliveries()).toEqual([
        ['one', 'firing', 'silenced', 0],
        ['one', 'resolved', 'silenced', 0],
      ]);
    });

    it('stops the firing retries of an acknowledged incident, and still sends its resolution', async () => {
      const one = await h.addChannel('one', { kind: 'webhook', url: `${receiver.url}/one` });
      await h.route(one, '*');
      await h.failJob();
      receiver.answers.push(503);
      const notifier = h.notifier();
      await notifier.deliverDue();
      const [alert] = await h.store.alerts.firingAlerts();
      await h.store.alerts.acknowledge(alert?.id ?? 0, 'ada', new Date(h.now));
      h.now += 60_000;
      await notifier.deliverDue();
      await h.recoverJob();
      await notifier.deliverDue();
      expect(bodies(receiver, '/one').map((b) => b.status)).toEqual(['firing', 'resolved']);
      expect(await h.deliveries()).toEqual([
        ['one', 'firing', 'acknowledged', 1],
        ['one', 'resolved', 'delivered', 1],
      ]);
    });

    it('posts Slack-compatible messages to the sealed URL: text and blocks naming job, cluster and link', async () => {
      const slack = await h.addChannel(
        'team-slack',
        { kind: 'slack' },
        { url: `${receiver.url}/services/T000/B000/XXXX` },
      );
      await h.route(slack, '*');
      await h.failJob();
      await h.notifier().deliverDue();
      const [request] = receiver.at('/services/T000/B000/XXXX');
      const body = request?.body as { text: string; blocks: { type: string; text?: unknown }[] };
      expect(body.text).toBe(
        '[FIRING] critical: job-failed on job payments (cluster embedded): payments: the job failed',
      );
      expect(body.blocks.map((b) => b.type)).toEqual(['section', 'section', 'context']);
      expect(JSON.stringify(body.blocks)).toContain(`<${JOB_LINK}|Open the job in Weir>`);
      expect(JSON.stringify(body.blocks)).toContain('Firing since 2026-12-06T12:00:00.000Z');
    });
  });
});
