import type { RuleKind } from '@weir/contract';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/test-database.js';
import { TestSignals } from '../../testing/test-signals.js';
import type { AlertRuleRecord } from '../db/alert-repository.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { createStore, type Store } from '../db/store.js';
import { AlertEvaluator } from './evaluator.js';

const MINUTE = 60_000;
const JOB = 'orders';

describe('AlertEvaluator', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let store: Store;
  let now: number;
  let signals: TestSignals;
  let evaluator: AlertEvaluator;
  /** What the evaluator told the job timeline, as "<job>: <message>". */
  let incidents: string[];

  const newEvaluator = (notify = false) =>
    new AlertEvaluator({
      alerts: store.alerts,
      signals,
      now: () => now,
      logger: pino({ level: 'silent' }),
      notify,
      onIncident: (jobId, message) => incidents.push(`${jobId}: ${message}`),
    });
  const ruleOf = async (kind: RuleKind) =>
    (await store.alerts.listRules()).find(
      (r) => r.jobId === JOB && r.kind === kind,
    ) as AlertRuleRecord;
  /** Only `kind`'s default rule stays on, so each test watches one rule. */
  const only = async (kind: RuleKind, change: Partial<AlertRuleRecord> = {}) => {
    await evaluator.evaluate();
    for (const rule of await store.alerts.listRules()) {
      await store.alerts.updateRule(rule.id, {
        enabled: rule.kind === kind,
        ...(rule.kind === kind ? change : {}),
      });
    }
  };
  const states = async () => (await store.alerts.history({ limit: 50 })).map((a) => a.state);
  const advance = async (ms: number) => {
    now += ms;
    await evaluator.evaluate();
  };

  beforeEach(async () => {
    const pg = await createTestDatabase();
    drop = pg.drop;
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    store = createStore(db.prisma);
    now = Date.parse('2026-11-22T12:00:00Z');
    signals = new TestSignals(JOB, now);
    incidents = [];
    evaluator = newEvaluator();
  });
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  it('gives a new job the default rules once, and keeps an admin’s edits', async () => {
    await evaluator.evaluate();
    const rules = await store.alerts.listRules();
    expect(rules.map((r) => r.kind).sort()).toEqual([
      'backpressure',
      'checkpoint-failures',
      'checkpoint-stalled',
      'consumer-lag',
      'consumer-lag-seconds',
      'dead-letters',
      'job-failed',
      'job-restarts',
      'leader-changed',
      'recovery-fallback',
      'upgrade-rolled-back',
      'watermark-lag',
      'zookeeper-lost',
    ]);
    const stalled = await ruleOf('checkpoint-stalled');
    await store.alerts.updateRule(stalled.id, { threshold: 30 });
    await evaluator.evaluate();
    expect(await store.alerts.listRules()).toHaveLength(rules.length);
    expect((await ruleOf('checkpoint-stalled')).threshold).toBe(30);
  });

  it('fires when checkpoints fail N times within M minutes, resolves as they age out', async () => {
    await only('checkpoint-failures');
    signals.failures.push(now - 9 * MINUTE, now - MINUTE);
    await advance(0);
    expect(await states()).toEqual([]);
    signals.failures.push(now);
    await advance(0);
    const [alert] = await store.alerts.firingAlerts();
    expect(alert).toMatchObject({ kind: 'checkpoint-failures', severity: 'warning', value: 3 });
    expect(alert?.summary).toBe('orders: 3 failed checkpoints in 10 min (limit 3)');
    await advance(MINUTE + 1);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires when no checkpoint completed for N minutes, and resolves on the next one', async () => {
    await only('checkpoint-stalled');
    await advance(10 * MINUTE - 1);
    expect(await states()).toEqual([]);
    await advance(1);
    expect(await states()).toEqual(['firing']);
    signals.job.lastCompletedCheckpointAt = new Date(now).toISOString();
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires when the job fails and resolves when it runs again', async () => {
    await only('job-failed');
    signals.job.status = 'FAILED';
    await advance(1000);
    expect((await store.alerts.firingAlerts())[0]).toMatchObject({
      severity: 'critical',
      summary: 'orders: the job failed',
    });
    signals.job.status = 'RUNNING';
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
    // Each incident goes into the job's timeline as it fires and as it resolves.
    expect(incidents).toEqual([
      expect.stringMatching(/^orders: .* firing: orders: the job failed$/),
      expect.stringMatching(/^orders: .* resolved: orders: /),
    ]);
  });

  it('fires on N restarts within M minutes', async () => {
    await only('job-restarts');
    for (const restarts of [1, 2]) {
      signals.job.restarts = restarts;
      await advance(MINUTE);
    }
    expect(await states()).toEqual([]);
    signals.job.restarts = 3;
    await advance(MINUTE);
    expect(await states()).toEqual(['firing']);
    await advance(10 * MINUTE);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires when a recovery fell back to an older checkpoint, and resolves after its window', async () => {
    await only('recovery-fallback');
    await advance(MINUTE);
    expect(await states()).toEqual([]);
    signals.job.recoveryFallbacks = 1;
    await advance(MINUTE);
    const [alert] = await store.alerts.firingAlerts();
    expect(alert).toMatchObject({ kind: 'recovery-fallback', severity: 'critical', value: 1 });
    await advance(60 * MINUTE);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires when an upgrade was rolled back, and resolves after its window', async () => {
    await only('upgrade-rolled-back');
    await advance(MINUTE);
    expect(await states()).toEqual([]);
    signals.rollbacks.push(now);
    await advance(MINUTE);
    const [alert] = await store.alerts.firingAlerts();
    expect(alert).toMatchObject({ kind: 'upgrade-rolled-back', severity: 'critical', value: 1 });
    expect(alert?.summary).toBe(`${signals.job.id}: 1 upgrades rolled back in 60 min (limit 1)`);
    await advance(60 * MINUTE);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires on a leader change within the window, and resolves once it ages out', async () => {
    await only('leader-changed');
    await advance(MINUTE);
    expect(await states()).toEqual([]);
    signals.leaderChanges.push(now);
    await advance(MINUTE);
    const [alert] = await store.alerts.firingAlerts();
    expect(alert).toMatchObject({ kind: 'leader-changed', severity: 'warning', value: 1 });
    await advance(10 * MINUTE);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires when the leader has been cut off from ZooKeeper for its for-time', async () => {
    await only('zookeeper-lost');
    signals.zookeeperLost = true;
    await advance(10_000);
    expect(await states()).toEqual([]);
    await advance(30_000);
    const [alert] = await store.alerts.firingAlerts();
    expect(alert).toMatchObject({ kind: 'zookeeper-lost', severity: 'critical' });
    signals.zookeeperLost = false;
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
  });

  it('holds a dead-letter rate as pending for its for-time before firing', async () => {
    await only('dead-letters', { threshold: 100, windowMs: MINUTE, forMs: 2 * MINUTE });
    const perMinute = async (rate: number, minutes: number) => {
      for (let i = 0; i < minutes; i += 1) {
        signals.job.deadLetters += rate;
        await advance(MINUTE);
      }
    };
    await perMinute(150, 2);
    expect(evaluator.pending()).toEqual([
      expect.objectContaining({
        ruleName: 'dead-letters',
        summary: 'orders: 150 dead letters per minute (limit 100)',
      }),
    ]);
    expect(await states()).toEqual([]);
    // A dip before the for-time ends cancels the pending condition without an incident.
    await perMinute(10, 1);
    expect(evaluator.pending()).toEqual([]);
    await perMinute(150, 4);
    expect(await states()).toEqual(['firing']);
    expect(evaluator.pending()).toEqual([]);
    await perMinute(0, 1);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires once any vertex stays backpressured above X for Y seconds', async () => {
    await only('backpressure');
    signals.vertices = [
      { backpressuredRatio: 0.1, watermark: now },
      { backpressuredRatio: 0.9, watermark: now },
    ];
    await advance(1000);
    expect(evaluator.pending()).toEqual([
      expect.objectContaining({
        summary: 'orders: a vertex is backpressured 90% of the time (limit 80%)',
      }),
    ]);
    await advance(MINUTE - 1);
    expect(await states()).toEqual([]);
    await advance(1);
    expect((await store.alerts.firingAlerts())[0]).toMatchObject({
      kind: 'backpressure',
      severity: 'warning',
      value: 0.9,
    });
    signals.vertices = [{ backpressuredRatio: 0.5, watermark: now }];
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
  });

  it('holds a rule whose signal cannot be read where it is, and evaluates the others', async () => {
    await only('backpressure');
    const stalled = await ruleOf('checkpoint-stalled');
    await store.alerts.updateRule(stalled.id, { enabled: true });
    signals.vertices = [{ backpressuredRatio: 0.9, watermark: now }];
    await advance(0);
    await advance(11 * MINUTE);
    expect((await store.alerts.firingAlerts()).map((a) => a.kind).sort()).toEqual([
      'backpressure',
      'checkpoint-stalled',
    ]);
    signals.verticesUnreadable = new Error('cluster unreachable');
    signals.job.lastCompletedCheckpointAt = new Date(now).toISOString();
    await advance(1000);
    // The backpressure incident stays open (nothing says it ended); the stalled one resolved.
    expect((await store.alerts.firingAlerts()).map((a) => a.kind)).toEqual(['backpressure']);
    signals.verticesUnreadable = null;
    signals.vertices = [{ backpressuredRatio: 0.1, watermark: now }];
    await advance(1000);
    expect(await store.alerts.firingAlerts()).toEqual([]);
  });

  it('fires when event time lags wall-clock time by X for its for-time', async () => {
    await only('watermark-lag');
    // A vertex before its first watermark has no event time to lag.
    const behind = (ms: number) => [
      { backpressuredRatio: 0, watermark: now - ms },
      { backpressuredRatio: 0, watermark: null },
    ];
    signals.vertices = behind(4 * MINUTE);
    await advance(0);
    expect(evaluator.pending()).toEqual([]);
    signals.vertices = behind(6 * MINUTE);
    await advance(0);
    expect(evaluator.pending()).toEqual([
      expect.objectContaining({
        summary: 'orders: event time lags 6 min behind wall-clock time (limit 5 min)',
      }),
    ]);
    // The watermark stands still, so the lag grows with the clock.
    await advance(2 * MINUTE);
    expect((await store.alerts.firingAlerts())[0]).toMatchObject({
      kind: 'watermark-lag',
      severity: 'warning',
      value: 8,
    });
    signals.vertices = behind(10_000);
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
    // A stopped job's watermark stands still for good: that is no lag to alert on.
    signals.job.status = 'CANCELED';
    await advance(10 * MINUTE);
    expect(evaluator.pending()).toEqual([]);
    expect(await states()).toEqual(['resolved']);
  });

  it('fires when a Kafka source stays seconds behind for its for-time', async () => {
    await only('consumer-lag-seconds', { threshold: 60, forMs: MINUTE });
    const source = (seconds: number) => [
      {
        backpressuredRatio: 0,
        watermark: now,
        consumerLagRecords: 10,
        consumerLagSeconds: seconds,
      },
      { backpressuredRatio: 0, watermark: now },
    ];
    signals.vertices = source(90);
    await advance(0);
    expect(evaluator.pending()).toEqual([
      expect.objectContaining({
        summary: 'orders: a Kafka source is 1.5 min behind its input (limit 60 s)',
      }),
    ]);
    await advance(MINUTE);
    expect((await store.alerts.firingAlerts())[0]).toMatchObject({
      kind: 'consumer-lag-seconds',
      value: 90,
    });
    signals.vertices = source(0);
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
  });

  it('resolves a firing rule that is switched off', async () => {
    await only('job-failed');
    signals.job.status = 'FAILED';
    await advance(1000);
    await store.alerts.updateRule((await ruleOf('job-failed')).id, { enabled: false });
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
  });

  it('picks up a firing incident after a restart instead of opening a second one', async () => {
    await only('job-failed');
    signals.job.status = 'FAILED';
    await advance(1000);
    evaluator = newEvaluator();
    await advance(1000);
    expect(await states()).toEqual(['firing']);
    signals.job.status = 'RUNNING';
    await advance(1000);
    expect(await states()).toEqual(['resolved']);
  });
});
