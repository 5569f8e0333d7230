import { createServer, type Server } from 'node:http';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/test-database.js';
import { TestSignals } from '../../testing/test-signals.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { createStore, type Store } from '../db/store.js';
import { AlertEvaluator } from './evaluator.js';
import { backoffMs, WebhookNotifier } from './webhook-notifier.js';

interface Received {
  status: string;
  dedupKey: string;
  alert: { job: string; rule: string; severity: string };
}

describe('WebhookNotifier against a local HTTP server', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let store: Store;
  let server: Server;
  let url: string;
  let now: number;
  const received: Received[] = [];
  /** Status codes to answer with, in order; 200 once they run out. */
  const answers: number[] = [];

  beforeEach(async () => {
    const pg = await createTestDatabase();
    drop = pg.drop;
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    store = createStore(db.prisma);
    now = Date.parse('2026-11-22T12:00:00Z');
    received.length = 0;
    answers.length = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push(JSON.parse(body) as Received);
        res.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db?.close();
    await drop?.();
  });

  /** A job that has failed, watched only by its job-failed rule, with notifications on. */
  async function failedJob() {
    const signals = new TestSignals('payments', now);
    const evaluator = new AlertEvaluator({
      alerts: store.alerts,
      signals,
      now: () => now,
      logger: pino({ level: 'silent' }),
      notify: true,
    });
    await evaluator.evaluate();
    for (const rule of await store.alerts.listRules()) {
      await store.alerts.updateRule(rule.id, { enabled: rule.kind === 'job-failed' });
    }
    signals.job.status = 'FAILED';
    await evaluator.evaluate();
    return { signals, evaluator };
  }
  const notifier = (maxAttempts = 5) =>
    new WebhookNotifier({
      url,
      alerts: store.alerts,
      clusterId: 'test',
      now: () => now,
      logger: pino({ level: 'silent' }),
      maxAttempts,
      baseDelayMs: 1000,
    });
  const notifications = async () =>
    (await store.alerts.history({ limit: 10 })).flatMap((a) => a.notifications);

  it('delivers one firing and one resolved notification per incident, retrying a failure', async () => {
    const { signals, evaluator } = await failedJob();
    const webhook = notifier();
    answers.push(503);

    expect(await webhook.deliverDue()).toBe(0);
    expect(await notifications()).toMatchObject([
      { event: 'firing', status: 'pending', attempts: 1, lastError: 'HTTP 503' },
    ]);
    // Not due again before the backoff has passed.
    expect(await webhook.deliverDue()).toBe(0);
    expect(received).toHaveLength(1);
    now += backoffMs(1, 1000, 300_000);
    expect(await webhook.deliverDue()).toBe(1);

    // Still failing: evaluating again owes nothing new, and nothing is sent twice.
    await evaluator.evaluate();
    expect(await webhook.deliverDue()).toBe(0);
    signals.job.status = 'RUNNING';
    await evaluator.evaluate();
    await evaluator.evaluate();
    expect(await webhook.deliverDue()).toBe(1);
    expect(await webhook.deliverDue()).toBe(0);

    expect(received.map((r) => [r.status, r.dedupKey])).toEqual([
      ['firing', expect.stringMatching(/^weir-test-alert-\d+-firing$/)],
      ['firing', received[0]?.dedupKey],
      ['resolved', expect.stringMatching(/-resolved$/)],
    ]);
    expect(received[0]?.alert).toMatchObject({
      job: 'payments',
      rule: 'job-failed',
      severity: 'critical',
    });
    expect((await notifications()).map((n) => [n.event, n.status, n.attempts])).toEqual([
      ['firing', 'delivered', 2],
      ['resolved', 'delivered', 1],
    ]);
  });

  it('gives up after its attempts and shows the delivery as failed', async () => {
    await failedJob();
    const webhook = notifier(2);
    answers.push(500, 500);
    await webhook.deliverDue();
    now += 60_000;
    await webhook.deliverDue();
    now += 60_000;
    expect(await webhook.deliverDue()).toBe(0);
    expect(received).toHaveLength(2);
    expect(await notifications()).toMatchObject([
      { event: 'firing', status: 'failed', attempts: 2, lastError: 'HTTP 500' },
    ]);
  });

  it('records an unreachable webhook as a failed attempt with the reason', async () => {
    await failedJob();
    await new Promise((resolve) => server.close(resolve));
    server = createServer();
    await notifier().deliverDue();
    expect((await notifications())[0]?.lastError).toMatch(/ECONNREFUSED/);
  });
});
