import type { Prisma } from '@prisma/client';
import type { RuleKind, Severity } from '@weir/contract';
import { conflict, notFound } from '../errors/weir-error.js';
import type { Db } from './db-client.js';
import { isDbFailure } from './db-errors.js';

export interface AlertRuleInput {
  jobId: string;
  name: string;
  kind: RuleKind;
  threshold: number;
  windowMs: number;
  forMs: number;
  severity: Severity;
}

export interface AlertRuleRecord extends AlertRuleInput {
  id: number;
  enabled: boolean;
}

export type AlertRuleChange = Partial<
  Pick<AlertRuleRecord, 'threshold' | 'windowMs' | 'forMs' | 'severity' | 'enabled'>
>;

export interface NotificationRecord {
  id: number;
  alertId: number;
  event: 'firing' | 'resolved';
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface AlertRecord {
  id: number;
  ruleId: number;
  ruleName: string;
  kind: RuleKind;
  jobId: string;
  severity: Severity;
  state: 'firing' | 'resolved';
  firedAt: string;
  resolvedAt: string | null;
  value: number;
  summary: string;
  notifications: NotificationRecord[];
}

const ruleSelect = {
  id: true,
  jobId: true,
  name: true,
  kind: true,
  threshold: true,
  windowMs: true,
  forMs: true,
  severity: true,
  enabled: true,
} satisfies Prisma.AlertRuleSelect;

const notificationSelect = {
  id: true,
  alertId: true,
  event: true,
  status: true,
  attempts: true,
  lastError: true,
  deliveredAt: true,
} satisfies Prisma.AlertNotificationSelect;

const alertSelect = {
  id: true,
  ruleId: true,
  jobId: true,
  severity: true,
  state: true,
  firedAt: true,
  resolvedAt: true,
  value: true,
  summary: true,
  rule: { select: { name: true, kind: true } },
  notifications: { select: notificationSelect, orderBy: { id: 'asc' } },
} satisfies Prisma.AlertSelect;

/** Alert rules, their incidents, and the webhook deliveries those owe. */
export class AlertRepository {
  constructor(private readonly db: Db) {}

  /** Adds each rule whose (job, name) is not there yet; existing rules keep their edits. */
  async ensureRules(rules: AlertRuleInput[]): Promise<void> {
    await this.db.alertRule.createMany({ data: rules, skipDuplicates: true });
  }

  async createRule(rule: AlertRuleInput): Promise<AlertRuleRecord> {
    try {
      return toRule(await this.db.alertRule.create({ data: rule, select: ruleSelect }));
    } catch (error) {
      if (isDbFailure(error, 'uniqueViolation')) {
        throw conflict(`job ${rule.jobId} already has a rule named ${rule.name}`);
      }
      throw error;
    }
  }

  async updateRule(id: number, change: AlertRuleChange): Promise<AlertRuleRecord> {
    try {
      return toRule(
        await this.db.alertRule.update({ where: { id }, data: change, select: ruleSelect }),
      );
    } catch (error) {
      if (isDbFailure(error, 'recordNotFound')) throw notFound(`alert rule ${id}`);
      throw error;
    }
  }

  async listRules(query: { enabledOnly?: boolean } = {}): Promise<AlertRuleRecord[]> {
    const rows = await this.db.alertRule.findMany({
      where: query.enabledOnly ? { enabled: true } : undefined,
      orderBy: [{ jobId: 'asc' }, { name: 'asc' }],
      select: ruleSelect,
    });
    return rows.map(toRule);
  }

  /** Records an incident and, when `notify`, the "firing" delivery it owes, together. */
  async openAlert(input: {
    rule: AlertRuleRecord;
    value: number;
    summary: string;
    firedAt: Date;
    notify: boolean;
  }): Promise<number> {
    const { rule } = input;
    const row = await this.db.alert.create({
      data: {
        ruleId: rule.id,
        jobId: rule.jobId,
        severity: rule.severity,
        state: 'firing',
        firedAt: input.firedAt,
        value: input.value,
        summary: input.summary,
        notifications: input.notify
          ? { create: { event: 'firing', status: 'pending', nextAttemptAt: input.firedAt } }
          : undefined,
      },
      select: { id: true },
    });
    return row.id;
  }

  /** Resolves once: a second call for the same incident changes nothing and owes nothing. */
  async resolveAlert(id: number, at: Date, notify: boolean): Promise<void> {
    const { count } = await this.db.alert.updateMany({
      where: { id, state: 'firing' },
      data: { state: 'resolved', resolvedAt: at },
    });
    if (count === 1 && notify) {
      await this.db.alertNotification.createMany({
        data: [{ alertId: id, event: 'resolved', status: 'pending', nextAttemptAt: at }],
        skipDuplicates: true,
      });
    }
  }

  async firingAlerts(): Promise<AlertRecord[]> {
    const rows = await this.db.alert.findMany({
      where: { state: 'firing' },
      orderBy: { id: 'desc' },
      select: alertSelect,
    });
    return rows.map(toAlert);
  }

  /** Newest first. */
  async history(query: {
    limit: number;
    jobId?: string;
    beforeId?: number;
  }): Promise<AlertRecord[]> {
    const rows = await this.db.alert.findMany({
      where: {
        jobId: query.jobId,
        id: query.beforeId === undefined ? undefined : { lt: query.beforeId },
      },
      orderBy: { id: 'desc' },
      take: query.limit,
      select: alertSelect,
    });
    return rows.map(toAlert);
  }

  /** When each rule fired since `since`, for the per-rule counts over time. */
  async firingTimes(since: Date): Promise<{ ruleId: number; firedAt: Date }[]> {
    return this.db.alert.findMany({
      where: { firedAt: { gte: since } },
      select: { ruleId: true, firedAt: true },
    });
  }

  /** Deliveries whose next attempt is due, with what the webhook body needs. */
  async dueNotifications(now: Date, limit: number) {
    return this.db.alertNotification.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: now } },
      orderBy: { id: 'asc' },
      take: limit,
      select: {
        ...notificationSelect,
        alert: { select: { ...alertSelect, notifications: false } },
      },
    });
  }

  async recordDelivery(
    id: number,
    outcome:
      | { delivered: true; at: Date }
      | { delivered: false; error: string; retryAt: Date | null },
  ): Promise<void> {
    await this.db.alertNotification.update({
      where: { id },
      data: outcome.delivered
        ? { status: 'delivered', deliveredAt: outcome.at, attempts: { increment: 1 } }
        : {
            status: outcome.retryAt === null ? 'failed' : 'pending',
            lastError: outcome.error,
            nextAttemptAt: outcome.retryAt ?? undefined,
            attempts: { increment: 1 },
          },
      select: { id: true },
    });
  }
}

function toRule(row: Prisma.AlertRuleGetPayload<{ select: typeof ruleSelect }>): AlertRuleRecord {
  // Only the API writes `kind`, through RuleKindSchema.
  return { ...row, kind: row.kind as RuleKind };
}

type AlertRow = Omit<Prisma.AlertGetPayload<{ select: typeof alertSelect }>, 'notifications'> & {
  notifications?: Prisma.AlertNotificationGetPayload<{ select: typeof notificationSelect }>[];
};

export function toAlert(row: AlertRow): AlertRecord {
  const { rule, ...rest } = row;
  return {
    ...rest,
    ruleName: rule.name,
    kind: rule.kind as RuleKind,
    // Only this repository writes these columns, with the values their types list.
    state: row.state as AlertRecord['state'],
    firedAt: row.firedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    notifications: (row.notifications ?? []).map((n) => ({
      ...n,
      event: n.event as NotificationRecord['event'],
      status: n.status as NotificationRecord['status'],
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
    })),
  };
}
