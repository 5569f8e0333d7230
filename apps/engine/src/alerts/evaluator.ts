import type { AlertRepository, AlertRuleRecord } from '../db/alert-repository.js';
import type { Logger } from '../logging/logger.js';
import { type RulePhase, step } from './alert-state.js';
import { CounterWindow } from './counter-window.js';
import { defaultRules, type JobView, KINDS, type VertexSignals } from './rule-kinds.js';

/** What the evaluator reads of each job: the backend's job summary fields it needs. */
export interface JobSignals {
  id: string;
  status: string;
  startedAt: string | null;
  lastCompletedCheckpointAt: string | null;
  deadLetters: number;
  restarts: number;
  recoveryFallbacks: number;
}

export interface SignalSource {
  jobs(): Promise<JobSignals[]>;
  checkpointFailuresSince(jobId: string, since: Date): Promise<number>;
  /** Automatic rollbacks of the job's upgrades since `since`. */
  upgradeRollbacksSince(jobId: string, since: Date): Promise<number>;
  leaderChangesSince(since: Date): Promise<number>;
  /** True while the evaluating instance cannot reach ZooKeeper (never in the embedded mode). */
  coordinationLost(): boolean;
  /** One entry per vertex of the job, as the backend last measured it. */
  vertexMetrics(jobId: string): Promise<VertexSignals[]>;
}

export interface AlertEvaluatorDeps {
  alerts: AlertRepository;
  signals: SignalSource;
  /** Injected: tests move time by hand to walk rules through pending, firing, resolved. */
  now: () => number;
  logger: Logger;
  /** Whether incidents owe deliveries at all. */
  notify: boolean;
  /** The channels a rule's incidents are owed to; the built-in webhook alone when not given. */
  route?: (rule: AlertRuleRecord) => Promise<number[]>;
  /** Hears each incident as it fires and resolves (the job's timeline records them). */
  onIncident?: (jobId: string, message: string) => void;
}

export interface PendingAlert {
  ruleId: number;
  jobId: string;
  ruleName: string;
  severity: AlertRuleRecord['severity'];
  since: string;
  summary: string;
}

/** Counters are sampled each round; this keeps enough for the longest window plus slack. */
const MAX_KEEP_MS = 24 * 60 * 60_000;

/**
 * Evaluates every enabled rule against the jobs' signals, one round per call, and records
 * incidents as they fire and resolve. Rounds must not overlap (AlertLoop runs them in turn).
 */
export class AlertEvaluator {
  private readonly phases = new Map<number, RulePhase>();
  private readonly pendingInfo = new Map<number, PendingAlert>();
  private readonly counters = new Map<
    string,
    { restarts: CounterWindow; deadLetters: CounterWindow; recoveryFallbacks: CounterWindow }
  >();
  private resumed = false;

  constructor(private readonly deps: AlertEvaluatorDeps) {}

  async evaluate(): Promise<void> {
    const { alerts, signals, notify } = this.deps;
    const now = this.deps.now();
    await this.resumeFiring();
    const jobs = await signals.jobs();
    await alerts.ensureRules(jobs.flatMap((job) => defaultRules(job.id)));
    const rules = await alerts.listRules({ enabledOnly: true });
    this.sampleCounters(jobs, rules, now);
    const views = new Map(jobs.map((job) => [job.id, this.viewOf(job, now)]));

    for (const rule of rules) {
      const view = views.get(rule.jobId);
      const kind = KINDS[rule.kind];
      let value = 0;
      try {
        if (view) value = await kind.measure(view, rule, now);
      } catch (error) {
        // One job's signal that cannot be read (its cluster stopped answering between the
        // listing and this question) holds its rule where it is; the others still evaluate.
        this.deps.logger.warn(
          { job: rule.jobId, rule: rule.name, err: error },
          'alert rule skipped this round: its signal could not be read',
        );
        continue;
      }
      const current = this.phases.get(rule.id) ?? { phase: 'inactive' };
      const next = step(current, value >= rule.threshold, now, rule.forMs);
      const summary = `${rule.jobId}: ${kind.describe(value, rule)}`;

      if (next.action === 'fire') {
        const alertId = await alerts.openAlert({
          rule,
          value,
          summary,
          firedAt: new Date(now),
          notify,
          channels: notify ? await this.deps.route?.(rule) : undefined,
        });
        this.deps.logger.warn(
          { job: rule.jobId, rule: rule.name, alertId },
          `alert firing: ${summary}`,
        );
        this.deps.onIncident?.(rule.jobId, `${rule.name} firing: ${summary}`);
        this.phases.set(rule.id, { phase: 'firing', since: now, alertId });
      } else if (next.action === 'resolve' && current.phase === 'firing') {
        await alerts.resolveAlert(current.alertId, new Date(now), notify);
        this.deps.logger.info({ job: rule.jobId, rule: rule.name }, `alert resolved: ${summary}`);
        this.deps.onIncident?.(rule.jobId, `${rule.name} resolved: ${summary}`);
        this.phases.delete(rule.id);
      } else if (next.phase === 'pending' && next.since !== null) {
        this.phases.set(rule.id, { phase: 'pending', since: next.since });
        this.pendingInfo.set(rule.id, pendingOf(rule, next.since, summary));
      } else if (next.phase === 'inactive') {
        this.phases.delete(rule.id);
      }
      if (next.phase !== 'pending') this.pendingInfo.delete(rule.id);
    }
    await this.resolveVanished(rules, now);
  }

  /** Rules that are breached but not yet for their whole `for` time. */
  pending(): PendingAlert[] {
    return [...this.pendingInfo.values()];
  }

  /** After a restart, incidents still open in the database continue (or resolve) from here. */
  private async resumeFiring(): Promise<void> {
    if (this.resumed) return;
    for (const alert of await this.deps.alerts.firingAlerts()) {
      this.phases.set(alert.ruleId, {
        phase: 'firing',
        since: Date.parse(alert.firedAt),
        alertId: alert.id,
      });
    }
    this.resumed = true;
  }

  /** A rule disabled (or gone) while firing resolves: nobody watches it any more. */
  private async resolveVanished(rules: AlertRuleRecord[], now: number): Promise<void> {
    for (const [ruleId, phase] of this.phases) {
      if (rules.some((r) => r.id === ruleId)) continue;
      if (phase.phase === 'firing')
        await this.deps.alerts.resolveAlert(phase.alertId, new Date(now), this.deps.notify);
      this.phases.delete(ruleId);
      this.pendingInfo.delete(ruleId);
    }
  }

  private sampleCounters(jobs: JobSignals[], rules: AlertRuleRecord[], now: number): void {
    for (const job of jobs) {
      const windows = rules.filter((r) => r.jobId === job.id).map((r) => r.windowMs);
      const keepMs = Math.min(MAX_KEEP_MS, Math.max(0, ...windows));
      let counters = this.counters.get(job.id);
      if (!counters) {
        counters = {
          restarts: new CounterWindow(),
          deadLetters: new CounterWindow(),
          recoveryFallbacks: new CounterWindow(),
        };
        this.counters.set(job.id, counters);
      }
      counters.restarts.add(now, job.restarts, keepMs);
      counters.deadLetters.add(now, job.deadLetters, keepMs);
      counters.recoveryFallbacks.add(now, job.recoveryFallbacks, keepMs);
    }
  }

  private viewOf(job: JobSignals, now: number): JobView {
    const counters = this.counters.get(job.id);
    let vertices: Promise<VertexSignals[]> | undefined;
    const progress = job.lastCompletedCheckpointAt ?? job.startedAt;
    return {
      status: job.status,
      lastProgressAt: progress === null ? null : Date.parse(progress),
      checkpointFailuresWithin: (windowMs) =>
        this.deps.signals.checkpointFailuresSince(job.id, new Date(now - windowMs)),
      restartsWithin: (windowMs) => counters?.restarts.increase(windowMs, now) ?? 0,
      deadLettersWithin: (windowMs) => counters?.deadLetters.increase(windowMs, now) ?? 0,
      recoveryFallbacksWithin: (windowMs) =>
        counters?.recoveryFallbacks.increase(windowMs, now) ?? 0,
      upgradeRollbacksWithin: (windowMs) =>
        this.deps.signals.upgradeRollbacksSince(job.id, new Date(now - windowMs)),
      leaderChangesWithin: (windowMs) =>
        this.deps.signals.leaderChangesSince(new Date(now - windowMs)),
      coordinationLost: this.deps.signals.coordinationLost(),
      vertexMetrics: () => {
        vertices ??= this.deps.signals.vertexMetrics(job.id);
        return vertices;
      },
    };
  }
}

function pendingOf(rule: AlertRuleRecord, since: number, summary: string): PendingAlert {
  return {
    ruleId: rule.id,
    jobId: rule.jobId,
    ruleName: rule.name,
    severity: rule.severity,
    since: new Date(since).toISOString(),
    summary,
  };
}
