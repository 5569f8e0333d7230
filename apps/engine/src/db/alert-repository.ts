import type { Prisma } from '@prisma/client';
import type { RuleKind, Severity } from '@weir/contract';
import { conflict, notFound } from '../errors/weir-error.js';
import { AlertChannelRepository } from './alert-channel-repository.js';
import { AlertSilenceRepository } from './alert-silence-repository.js';
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

/** The built-in webhook's channel id in deliveries (it is not a stored channel). */
export const BUILT_IN_CHANNEL = 0;

export type NotificationStatus = 'pending' | 'delivered' | 'failed' | 'silenced' | 'acknowledged';

export interface NotificationRecord {
  id: number;
  alertId: number;
  channelId: number;
  /** The channel's name now; `removed channel <id>` once it is gone. */
  channel: string;
  event: 'firing' | 'resolved';
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  /** While pending: when it is next tried. */
  nextAttemptAt: string | null;
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
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
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
  channelId: true,
  event: true,
  status: true,
  attempts: true,
  lastError: true,
  deliveredAt: true,
  nextAttemptAt: true,
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
  acknowledgedBy: true,
  acknowledgedAt: true,
  rule: { select: { name: true, kind: true } },
  notifications: { select: notificationSelect, orderBy: { id: 'asc' } },
} satisfies Prisma.AlertSelect;

/**
 * Alert rules, their incidents, and the deliveries those owe; the channels deliveries go to,
 * and the silences that mute incidents, in `channels` and `silences`.
 */
export class AlertRepository {
  readonly channels: AlertChannelRepository;
  readonly silences: AlertSilenceRepository;

  constructor(private readonly db: Db) {
    this.channels = new AlertChannelRepository(db);
    this.silences = new AlertSilenceRepository(db);
  }

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

  /**
   * Records an incident and, when `notify`, the "firing" delivery it owes each of `channels`
   * (the built-in webhook alone when not given), together.
   */
  async openAlert(input: {
    rule: AlertRuleRecord;
    value: number;
    summary: string;
    firedAt: Date;
    notify: boolean;
    channels?: readonly number[];
  }): Promise<number> {
    const { rule } = input;
    const channels = input.notify ? [...new Set(input.channels ?? [BUILT_IN_CHANNEL])] : [];
    const row = await this.db.alert.create({
      data: {
        ruleId: rule.id,
        jobId: rule.jobId,
        severity: rule.severity,
        state: 'firing',
        firedAt: input.firedAt,
        value: input.value,
        summary: input.summary,
        notifications: {
          create: channels.map((channelId) => ({
            channelId,
            event: 'firing',
            status: 'pending',
            nextAttemptAt: input.firedAt,
          })),
        },
      },
      select: { id: true },
    });
    return row.id;
  }

  /**
   * Resolves once: a second call for the same incident changes nothing and owes nothing. Each
   * channel that was owed the "firing" delivery is owed the "resolved" one.
   */
  async resolveAlert(id: number, at: Date, notify: boolean): Promise<void> {
    const { count } = await this.db.alert.updateMany({
      where: { id, state: 'firing' },
      data: { state: 'resolved', resolvedAt: at },
    });
    if (count !== 1 || !notify) return;
    const fired = await this.db.alertNotification.findMany({
      where: { alertId: id, event: 'firing' },
      select: { channelId: true },
    });
    await this.db.alertNotification.createMany({
      data: fired.map(({ channelId }) => ({
        alertId: id,
        channelId,
        event: 'resolved',
        status: 'pending',
        nextAttemptAt: at,
      })),
      skipDuplicates: true,
    });
  }

  /**
   * Records who acknowledged a firing incident; its "firing" deliveries not sent yet will not
   * be. Acknowledging twice, or a resolved incident, is a conflict naming why.
   */
  async acknowledge(id: number, by: string, at: Date): Promise<void> {
    const { count } = await this.db.alert.updateMany({
      where: { id, state: 'firing', acknowledgedBy: null },
      data: { acknowledgedBy: by, acknowledgedAt: at },
    });
    if (count === 0) {
      const alert = await this.db.alert.findUnique({
        where: { id },
        select: { state: true, acknowledgedBy: true },
      });
      if (!alert) throw notFound(`alert ${id}`);
      throw conflict(
        alert.state !== 'firing'
          ? `alert ${id} has resolved already`
          : `alert ${id} was acknowledged already, by ${alert.acknowledgedBy}`,
      );
    }
    await this.db.alertNotification.updateMany({
      where: { alertId: id, event: 'firing', status: 'pending' },
      data: { status: 'acknowledged' },
    });
  }

  async firingAlerts(): Promise<AlertRecord[]> {
    const rows = await this.db.alert.findMany({
      where: { state: 'firing' },
      orderBy: { id: 'desc' },
      select: alertSelect,
    });
    const names = await this.channels.names();
    return rows.map((row) => toAlert(row, names));
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
    const names = await this.channels.names();
    return rows.map((row) => toAlert(row, names));
  }

  /** When each rule fired since `since`, for the per-rule counts over time. */
  async firingTimes(since: Date): Promise<{ ruleId: number; firedAt: Date }[]> {
    return this.db.alert.findMany({
      where: { firedAt: { gte: since } },
      select: { ruleId: true, firedAt: true },
    });
  }

  /** Deliveries whose next attempt is due, with what a notification says of the incident. */
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

  /**
   * Takes a due delivery for one attempt: moves its next attempt to `until`, only if no one
   * else took it since it was read as due at `seen`. False: another round has it. A round that
   * dies mid-attempt leaves it to be tried again at `until`.
   */
  async claimDelivery(id: number, seen: Date, until: Date): Promise<boolean> {
    const { count } = await this.db.alertNotification.updateMany({
      where: { id, status: 'pending', nextAttemptAt: seen },
      data: { nextAttemptAt: until },
    });
    return count === 1;
  }

  /** Holds a delivery back without an attempt (its incident is silenced until `until`). */
  async postponeDelivery(id: number, until: Date): Promise<void> {
    await this.db.alertNotification.update({
      where: { id },
      data: { nextAttemptAt: until },
      select: { id: true },
    });
  }

  /** Closes a delivery that will not be sent, saying why. */
  async withholdDelivery(id: number, status: 'silenced' | 'acknowledged'): Promise<void> {
    await this.db.alertNotification.updateMany({
      where: { id, status: 'pending' },
      data: { status },
    });
  }

  /** The status of each of the incident's "firing" deliveries, by channel. */
  async firingDeliveries(
    alertId: number,
  ): Promise<Map<number, { status: NotificationStatus; nextAttemptAt: number }>> {
    const rows = await this.db.alertNotification.findMany({
      where: { alertId, event: 'firing' },
      select: { channelId: true, status: true, nextAttemptAt: true },
    });
    return new Map(
      rows.map((row) => [
        row.channelId,
        { status: row.status as NotificationStatus, nextAttemptAt: row.nextAttemptAt.getTime() },
      ]),
    );
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

/** The name shown for a delivery's channel; `names` holds the stored channels' names by id. */
function channelName(id: number, names: ReadonlyMap<number, string>): string {
  if (id === BUILT_IN_CHANNEL) return 'built-in webhook';
  return names.get(id) ?? `removed channel ${id}`;
}

export function toAlert(
  row: AlertRow,
  names: ReadonlyMap<number, string> = new Map(),
): AlertRecord {
  const { rule, ...rest } = row;
  return {
    ...rest,
    ruleName: rule.name,
    kind: rule.kind as RuleKind,
    // Only this repository writes these columns, with the values their types list.
    state: row.state as AlertRecord['state'],
    firedAt: row.firedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    notifications: (row.notifications ?? []).map((n) => ({
      ...n,
      channel: channelName(n.channelId, names),
      event: n.event as NotificationRecord['event'],
      status: n.status as NotificationRecord['status'],
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
      nextAttemptAt: n.status === 'pending' ? n.nextAttemptAt.toISOString() : null,
    })),
  };
}
