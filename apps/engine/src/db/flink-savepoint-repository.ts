import type { PrismaClient } from '@prisma/client';
import { type Snapshot, SnapshotSchema } from '@weir/contract';

/** A cluster's savepoints, in the shape its backend asks for them (SavepointStore). */
export interface StoredSavepoints {
  ofJob(jobId: string): Promise<Snapshot[]>;
  save(jobId: string, savepoints: Snapshot[]): Promise<void>;
}

/**
 * The savepoints Weir has seen of Flink jobs (model FlinkSavepoint), per registered cluster:
 * Flink's own history forgets them within a few checkpoints, and any engine instance that
 * leads must still list them, disposals marked, and restore from them.
 */
export class FlinkSavepointRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The savepoints of one cluster's jobs, the newest `perJob` of each job kept. */
  forCluster(clusterId: string, perJob: number): StoredSavepoints {
    return {
      ofJob: async (jobId) => {
        const rows = await this.prisma.flinkSavepoint.findMany({
          where: { clusterId, jobId },
          orderBy: { checkpointId: 'desc' },
          take: perJob,
        });
        return rows.map((row) => SnapshotSchema.parse(row.snapshot) as Snapshot);
      },
      save: async (jobId, savepoints) => {
        await this.prisma.$transaction(async (tx) => {
          for (const savepoint of savepoints) {
            const { checkpointId } = savepoint;
            await tx.flinkSavepoint.upsert({
              where: { clusterId_jobId_checkpointId: { clusterId, jobId, checkpointId } },
              create: { clusterId, jobId, checkpointId, snapshot: savepoint },
              update: { snapshot: savepoint },
            });
          }
          const kept = await tx.flinkSavepoint.findMany({
            where: { clusterId, jobId },
            orderBy: { checkpointId: 'desc' },
            skip: perJob - 1,
            take: 1,
            select: { checkpointId: true },
          });
          const oldestKept = kept[0]?.checkpointId;
          if (oldestKept !== undefined)
            await tx.flinkSavepoint.deleteMany({
              where: { clusterId, jobId, checkpointId: { lt: oldestKept } },
            });
        });
      },
    };
  }

  /** A removed cluster's savepoints go with it (their files stay where Flink wrote them). */
  async removeCluster(clusterId: string): Promise<void> {
    await this.prisma.flinkSavepoint.deleteMany({ where: { clusterId } });
  }
}
