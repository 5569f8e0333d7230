import type { PrismaClient } from '@prisma/client';

/** A jar, its entry class and the program's arguments: how a Flink job was started. */
export interface StoredJarLaunch {
  jarId: string;
  entryClass: string;
  args: string[];
}

/** How Flink jobs were started through Weir (model FlinkJobLaunch), per registered cluster. */
export class FlinkLaunchRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The launches of one cluster's jobs, in the shape its backend asks for them. */
  forCluster(clusterId: string) {
    return {
      record: async (jobId: string, launch: StoredJarLaunch): Promise<void> => {
        const row = {
          jarId: launch.jarId,
          entryClass: launch.entryClass,
          args: launch.args,
          recordedAt: new Date(this.now()),
        };
        await this.prisma.flinkJobLaunch.upsert({
          where: { clusterId_jobId: { clusterId, jobId } },
          create: { clusterId, jobId, ...row },
          update: row,
        });
      },
      get: async (jobId: string): Promise<StoredJarLaunch | undefined> => {
        const row = await this.prisma.flinkJobLaunch.findUnique({
          where: { clusterId_jobId: { clusterId, jobId } },
        });
        return row
          ? { jarId: row.jarId, entryClass: row.entryClass, args: row.args as string[] }
          : undefined;
      },
    };
  }

  /** A removed cluster's launches go with it. */
  async removeCluster(clusterId: string): Promise<void> {
    await this.prisma.flinkJobLaunch.deleteMany({ where: { clusterId } });
  }
}
