import type { PrismaClient } from '@prisma/client';
import type { FlinkZooKeeper } from '@weir/contract';

/** A registered Flink cluster as stored: its Authorization header still sealed. */
export interface StoredFlinkCluster {
  id: string;
  restUrl: string;
  sealedAuthorization: string | null;
  zookeeper: FlinkZooKeeper | null;
  registeredAt: Date;
  registeredBy: string;
}

/** Flink clusters admins registered (model FlinkCluster); read by every instance. */
export class ClusterRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** False when a cluster of that id is registered already. */
  async insert(cluster: StoredFlinkCluster): Promise<boolean> {
    const { count } = await this.prisma.flinkCluster.createMany({
      data: [
        {
          id: cluster.id,
          restUrl: cluster.restUrl,
          sealedAuthorization: cluster.sealedAuthorization,
          zookeeperQuorum: cluster.zookeeper?.quorum ?? null,
          zookeeperRoot: cluster.zookeeper?.root ?? null,
          zookeeperClusterId: cluster.zookeeper?.clusterId ?? null,
          registeredAt: cluster.registeredAt,
          registeredBy: cluster.registeredBy,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }

  async find(id: string): Promise<StoredFlinkCluster | null> {
    const row = await this.prisma.flinkCluster.findUnique({ where: { id } });
    return row ? storedOf(row) : null;
  }

  /** In the order they were registered. */
  async list(): Promise<StoredFlinkCluster[]> {
    const rows = await this.prisma.flinkCluster.findMany({ orderBy: { registeredAt: 'asc' } });
    return rows.map(storedOf);
  }

  /** False when no cluster of that id was registered. */
  async remove(id: string): Promise<boolean> {
    const { count } = await this.prisma.flinkCluster.deleteMany({ where: { id } });
    return count === 1;
  }
}

type Row = NonNullable<Awaited<ReturnType<PrismaClient['flinkCluster']['findUnique']>>>;

function storedOf(row: Row): StoredFlinkCluster {
  return {
    id: row.id,
    restUrl: row.restUrl,
    sealedAuthorization: row.sealedAuthorization,
    zookeeper: row.zookeeperQuorum
      ? {
          quorum: row.zookeeperQuorum,
          root: row.zookeeperRoot ?? '/flink',
          clusterId: row.zookeeperClusterId ?? '/default',
        }
      : null,
    registeredAt: row.registeredAt,
    registeredBy: row.registeredBy,
  };
}
