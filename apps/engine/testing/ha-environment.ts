import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobSpec } from '@weir/contract';
import { afterAll, beforeAll } from 'vitest';
import { HaCluster } from './ha-cluster.js';
import { createTestDatabase } from './test-database.js';
import { startZookeeperEnsemble, type ZookeeperEnsemble } from './zookeeper-services.js';

/**
 * What every HA test file needs: a real 3-node ZooKeeper ensemble, a fresh PostgreSQL
 * database and a folder, made before the file's tests and removed after them (with any
 * cluster started through `startCluster`).
 */
export function haEnvironment(prefix: string) {
  const env = {
    zk: undefined as unknown as ZookeeperEnsemble,
    db: undefined as unknown as Awaited<ReturnType<typeof createTestDatabase>>,
    dir: '',
    cluster: undefined as HaCluster | undefined,
    /** Two engines in ZooKeeper mode running `spec`, the first started first (it creates the admin). */
    async startCluster(
      spec: JobSpec,
      sessionTimeoutMs: number,
      options: Pick<ConstructorParameters<typeof HaCluster>[0], 'onLine' | 'env'> = {},
    ): Promise<HaCluster> {
      const specFile = path.join(env.dir, 'job.json');
      await writeFile(specFile, JSON.stringify(spec));
      const cluster = new HaCluster({
        zookeeper: env.zk.connectString,
        databaseUrl: env.db.url,
        dir: env.dir,
        sessionTimeoutMs,
        ...options,
        env: { WEIR_JOB_SPEC: specFile, ...options.env },
      });
      env.cluster = cluster;
      await cluster.startEngine();
      await cluster.startEngine();
      return cluster;
    },
  };
  beforeAll(async () => {
    [env.zk, env.db, env.dir] = await Promise.all([
      startZookeeperEnsemble(3),
      createTestDatabase(),
      mkdtemp(path.join(tmpdir(), prefix)),
    ]);
  });
  afterAll(async () => {
    await env.cluster?.stop();
    await Promise.allSettled([env.zk?.stop(), env.db?.drop()]);
    if (env.dir) await rm(env.dir, { recursive: true, force: true });
  });
  return env;
}
