import { randomBytes } from 'node:crypto';
import type { ChannelSecrets, ChannelSettings } from '@weir/contract';
import { pino } from 'pino';
import { AlertEvaluator } from '../src/alerts/evaluator.js';
import { Paging } from '../src/alerts/paging/paging.js';
import { PagingNotifier } from '../src/alerts/paging/paging-notifier.js';
import { channelsFor } from '../src/alerts/paging/routing.js';
import { SecretBox } from '../src/auth/secret-box.js';
import { type Database, openDatabase } from '../src/db/open-database.js';
import { createStore, type Store } from '../src/db/store.js';
import { createTestDatabase } from './test-database.js';
import { TestSignals } from './test-signals.js';

export const CONSOLE_URL = 'https://weir.example.com';

/**
 * The alert pipeline on a fresh PostgreSQL database with a hand-moved clock: one job watched by
 * its job-failed rule, the evaluator routing incidents as the engine does, and notifiers that
 * send to real receivers.
 */
export class PagingHarness {
  now = Date.parse('2026-12-06T12:00:00Z');
  readonly signals = new TestSignals('payments', this.now);
  readonly paging: Paging;
  readonly evaluator: AlertEvaluator;

  private constructor(
    readonly store: Store,
    private readonly db: Database,
    private readonly drop: () => Promise<void>,
    builtInWebhookUrl: string,
  ) {
    this.paging = new Paging({
      secrets: new SecretBox(randomBytes(32)),
      builtInWebhookUrl,
      consoleUrl: CONSOLE_URL,
      weirCluster: 'test',
      now: () => this.now,
      timeoutMs: 5_000,
    });
    this.evaluator = new AlertEvaluator({
      alerts: store.alerts,
      signals: this.signals,
      now: () => this.now,
      logger: pino({ level: 'silent' }),
      notify: true,
      route: async (rule) =>
        channelsFor(rule, {}, await store.alerts.channels.routes(), this.paging.builtInConfigured),
    });
  }

  static async start(options: { builtInWebhookUrl?: string } = {}): Promise<PagingHarness> {
    const pg = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    const harness = new PagingHarness(
      createStore(db.prisma),
      db,
      pg.drop,
      options.builtInWebhookUrl ?? '',
    );
    // The job's default rules, then only job-failed (and the rules a test adds) left on.
    await harness.evaluator.evaluate();
    for (const rule of await harness.store.alerts.listRules())
      await harness.store.alerts.updateRule(rule.id, { enabled: rule.kind === 'job-failed' });
    return harness;
  }

  notifier(options: { maxAttempts?: number } = {}): PagingNotifier {
    return new PagingNotifier({
      alerts: this.store.alerts,
      paging: this.paging,
      clusterOf: () => 'embedded',
      now: () => this.now,
      logger: pino({ level: 'silent' }),
      baseDelayMs: 1_000,
      ...options,
    });
  }

  /** Fails the job and lets the rules see it: its job-failed rules fire. */
  async failJob(): Promise<void> {
    this.signals.job.status = 'FAILED';
    await this.evaluator.evaluate();
  }

  async recoverJob(): Promise<void> {
    this.signals.job.status = 'RUNNING';
    await this.evaluator.evaluate();
  }

  /** Another rule of the same kind, so two rules fire together. */
  async addRule(name: string): Promise<void> {
    await this.store.alerts.createRule({
      jobId: 'payments',
      name,
      kind: 'job-failed',
      threshold: 1,
      windowMs: 0,
      forMs: 0,
      severity: 'warning',
    });
  }

  async addChannel(
    name: string,
    settings: ChannelSettings,
    secrets: ChannelSecrets = {},
  ): Promise<number> {
    const stored = await this.store.alerts.channels.create(
      { name, kind: settings.kind, settings, sealedSecrets: this.paging.secrets.seal(secrets) },
      'ada',
    );
    return stored.id;
  }

  async route(channelId: number, rule: string, job = '*'): Promise<void> {
    await this.store.alerts.channels.addRoute({ channelId, rule, job, label: '' }, 'ada');
  }

  async silence(matcher: { rule?: string; job?: string }, forMs: number): Promise<number> {
    const silence = await this.store.alerts.silences.create({
      rule: matcher.rule ?? null,
      job: matcher.job ?? null,
      comment: 'maintenance',
      createdBy: 'ada',
      createdAt: new Date(this.now),
      endsAt: new Date(this.now + forMs),
    });
    return silence.id;
  }

  /** Every delivery, oldest incident first: [channel, event, status, attempts]. */
  async deliveries(): Promise<[string, string, string, number][]> {
    const alerts = await this.store.alerts.history({ limit: 50 });
    return alerts
      .reverse()
      .flatMap((a) =>
        a.notifications.map((n): [string, string, string, number] => [
          n.channel,
          n.event,
          n.status,
          n.attempts,
        ]),
      );
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.drop();
  }
}
