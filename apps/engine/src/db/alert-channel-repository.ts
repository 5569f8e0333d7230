import type { Prisma } from '@prisma/client';
import { conflict, notFound } from '../errors/weir-error.js';
import type { Db } from './db-client.js';
import { isDbFailure } from './db-errors.js';

/** A channel as stored: its settings as JSON the API checked, its secrets still sealed. */
export interface StoredChannel {
  id: number;
  name: string;
  kind: string;
  settings: unknown;
  sealedSecrets: string | null;
  createdBy: string;
  updatedAt: Date;
}

export interface ChannelWrite {
  name: string;
  kind: string;
  settings: Prisma.InputJsonValue;
  sealedSecrets: string | null;
}

export interface RouteRecord {
  id: number;
  channelId: number;
  channel: string;
  rule: string;
  job: string;
  label: string;
  createdBy: string;
  createdAt: string;
}

const channelSelect = {
  id: true,
  name: true,
  kind: true,
  settings: true,
  sealedSecrets: true,
  createdBy: true,
  updatedAt: true,
} satisfies Prisma.AlertChannelSelect;

const routeSelect = {
  id: true,
  channelId: true,
  rule: true,
  job: true,
  label: true,
  createdBy: true,
  createdAt: true,
  channel: { select: { name: true } },
} satisfies Prisma.AlertRouteSelect;

/** Notification channels admins configured, and the routes that send rules' incidents there. */
export class AlertChannelRepository {
  constructor(private readonly db: Db) {}

  /** By name. */
  async list(): Promise<StoredChannel[]> {
    return this.db.alertChannel.findMany({ orderBy: { name: 'asc' }, select: channelSelect });
  }

  async find(id: number): Promise<StoredChannel | null> {
    return this.db.alertChannel.findUnique({ where: { id }, select: channelSelect });
  }

  async create(write: ChannelWrite, by: string): Promise<StoredChannel> {
    try {
      return await this.db.alertChannel.create({
        data: { ...write, createdBy: by },
        select: channelSelect,
      });
    } catch (error) {
      throw nameTaken(error, write.name);
    }
  }

  async update(id: number, write: ChannelWrite): Promise<StoredChannel> {
    try {
      return await this.db.alertChannel.update({
        where: { id },
        data: write,
        select: channelSelect,
      });
    } catch (error) {
      if (isDbFailure(error, 'recordNotFound')) throw notFound(`notification channel ${id}`);
      throw nameTaken(error, write.name);
    }
  }

  /**
   * Removes the channel and its routes. Deliveries it still owed are given up (its history of
   * deliveries stays, shown as sent to a removed channel).
   */
  async remove(id: number, at: Date): Promise<void> {
    const { count } = await this.db.alertChannel.deleteMany({ where: { id } });
    if (count === 0) throw notFound(`notification channel ${id}`);
    await this.db.alertNotification.updateMany({
      where: { channelId: id, status: 'pending' },
      data: { status: 'failed', lastError: 'the channel was removed', nextAttemptAt: at },
    });
  }

  /** Channel names by id, for showing where each delivery went. */
  async names(): Promise<Map<number, string>> {
    const rows = await this.db.alertChannel.findMany({ select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** By channel name, then rule and job. */
  async routes(): Promise<RouteRecord[]> {
    const rows = await this.db.alertRoute.findMany({
      orderBy: [{ channel: { name: 'asc' } }, { rule: 'asc' }, { job: 'asc' }, { label: 'asc' }],
      select: routeSelect,
    });
    return rows.map(toRoute);
  }

  async addRoute(
    route: { channelId: number; rule: string; job: string; label: string },
    by: string,
  ): Promise<RouteRecord> {
    try {
      return toRoute(
        await this.db.alertRoute.create({ data: { ...route, createdBy: by }, select: routeSelect }),
      );
    } catch (error) {
      if (isDbFailure(error, 'foreignKeyViolation'))
        throw notFound(`notification channel ${route.channelId}`);
      if (isDbFailure(error, 'uniqueViolation'))
        throw conflict(
          `channel ${route.channelId} has a route for rule ${route.rule} on job ${route.job}${route.label ? ` with ${route.label}` : ''} already`,
        );
      throw error;
    }
  }

  async removeRoute(id: number): Promise<void> {
    const { count } = await this.db.alertRoute.deleteMany({ where: { id } });
    if (count === 0) throw notFound(`alert route ${id}`);
  }
}

function nameTaken(error: unknown, name: string): unknown {
  return isDbFailure(error, 'uniqueViolation')
    ? conflict(`a notification channel named ${name} exists already`)
    : error;
}

function toRoute(row: Prisma.AlertRouteGetPayload<{ select: typeof routeSelect }>): RouteRecord {
  const { channel, createdAt, ...rest } = row;
  return { ...rest, channel: channel.name, createdAt: createdAt.toISOString() };
}
