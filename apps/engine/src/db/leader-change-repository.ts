import type { PrismaClient } from '@prisma/client';
import type { LeaderChange } from '@weir/contract';

/** The history of leadership grants, for the overview, the failover action and alerting. */
export class LeaderChangeRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async recordGrant(
    change: Omit<LeaderChange, 'recoveryMs' | 'at'> & { at: Date },
  ): Promise<number> {
    const row = await this.prisma.leaderChange.create({ data: { ...change, recoveryMs: null } });
    return row.id;
  }

  async recordRecovered(id: number, recoveryMs: number): Promise<void> {
    await this.prisma.leaderChange.update({ where: { id }, data: { recoveryMs } });
  }

  /** Newest first. */
  async recent(limit: number): Promise<LeaderChange[]> {
    const rows = await this.prisma.leaderChange.findMany({ orderBy: { at: 'desc' }, take: limit });
    return rows.map((row) => ({
      at: row.at.toISOString(),
      previousInstanceId: row.previousInstanceId,
      newInstanceId: row.newInstanceId,
      epoch: row.epoch,
      reason: row.reason,
      recoveryMs: row.recoveryMs,
    }));
  }

  /** Changes from one leader to another since `since`; a cluster's very first leader is none. */
  async countSince(since: Date): Promise<number> {
    return this.prisma.leaderChange.count({
      where: { at: { gte: since }, previousInstanceId: { not: null } },
    });
  }
}
