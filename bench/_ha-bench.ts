// Shared by the failover benchmarks: a ZooKeeper HA cluster of engines on loopback running the
// sample job, with its own 3-node ensemble, database and folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, HaCluster, startZookeeperEnsemble } from '@weir/engine/testing';

/**
 * The ZooKeeper session timeout both use: `failover` measures recovery with it,
 * `failover-soak` checks that it causes no false failovers under load.
 */
export const FAILOVER_SESSION_TIMEOUT_MS = 1500;

/**
 * A cluster (no engine started yet) whose sample job makes `sampleRate` records a second and
 * checkpoints every second; `close` stops its engines and removes everything.
 */
export async function startHaBench(options: {
  name: string;
  sessionTimeoutMs: number;
  sampleRate: number;
}): Promise<{ cluster: HaCluster; close(): Promise<void> }> {
  const [zk, db, dir] = await Promise.all([
    startZookeeperEnsemble(3),
    createTestDatabase(),
    mkdtemp(path.join(tmpdir(), `weir-${options.name}-`)),
  ]);
  const cluster = new HaCluster({
    zookeeper: zk.connectString,
    databaseUrl: db.url,
    dir,
    sessionTimeoutMs: options.sessionTimeoutMs,
    env: { WEIR_CHECKPOINT_INTERVAL_MS: '1000', WEIR_SAMPLE_RATE: String(options.sampleRate) },
  });
  return {
    cluster,
    async close() {
      await cluster.stop();
      await Promise.allSettled([zk.stop(), db.drop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
