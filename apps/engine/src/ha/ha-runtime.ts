import type { CoordinationState, HaMode } from '@weir/contract';
import type { SnapshotPaths } from '../checkpoint/storage/paths.js';
import type { EngineConfig } from '../config/load-config.js';
import type { Logger } from '../logging/logger.js';
import { EmbeddedElection } from './embedded-election.js';
import { embeddedJobHa, type JobHa } from './job-ha.js';
import type { LeaderElectionDriver } from './leader-election.js';
import { LeaderService } from './leader-service.js';
import { InstanceRegistry, type RegisteredInstance } from './zookeeper/instance-registry.js';
import { ZkCheckpointHa } from './zookeeper/zk-checkpoint-ha.js';
import { ZkConnection } from './zookeeper/zk-connection.js';
import { ZkJobGraphStore } from './zookeeper/zk-job-graphs.js';
import { zkPaths } from './zookeeper/zk-paths.js';
import { ZookeeperElection } from './zookeeper/zookeeper-election.js';

export interface Self {
  instanceId: string;
  apiAddress: string;
  startedAt: string;
}

/** Everything high availability gives the rest of the engine, in either mode. */
export interface HaRuntime {
  mode: HaMode;
  election: LeaderElectionDriver;
  leader: LeaderService;
  jobHa: JobHa;
  coordination(): CoordinationState;
  /** Live instances (this one included), as registered with the coordination service. */
  instances(): Promise<RegisteredInstance[]>;
  /** The instance that leads now as far as the coordination service says, or null. */
  leaderInstanceId(): Promise<string | null>;
  /** Gives leadership up (stopping the jobs here) and leaves the cluster. */
  close(): Promise<void>;
}

/** Answers within `ms` or gives `fallback`: the overview must not hang on a lost ensemble. */
function within<T>(ms: number, fallback: T, work: Promise<T>): Promise<T> {
  return Promise.race([
    work.catch(() => fallback),
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref()),
  ]);
}

export async function startHa(
  config: EngineConfig,
  paths: SnapshotPaths,
  self: () => Self,
  logger: Logger,
  onZkRequest?: (op: string, seconds: number) => void,
): Promise<HaRuntime> {
  const leader = new LeaderService();
  if (config.ha.mode === 'embedded') {
    const selfEntry = (): RegisteredInstance => ({
      ...self(),
      coordination: 'embedded',
      lastHeartbeatAt: new Date().toISOString(),
    });
    const election = new EmbeddedElection();
    return {
      mode: 'embedded',
      election,
      leader,
      jobHa: embeddedJobHa(paths, leader),
      coordination: () => 'embedded',
      instances: async () => [selfEntry()],
      leaderInstanceId: async () => (leader.isLeader() ? self().instanceId : null),
      close: () => election.close(),
    };
  }

  const { zookeeper } = config.ha;
  const zkLog = logger.child({ component: 'zookeeper' });
  const connection = new ZkConnection(
    {
      connectString: zookeeper.connect,
      sessionTimeoutMs: zookeeper.sessionTimeoutMs,
      connectTimeoutMs: zookeeper.connectTimeoutMs,
      onRequest: onZkRequest,
    },
    zkLog,
  );
  await connection.open();
  const zkp = zkPaths(zookeeper.root, config.clusterId);
  const election = new ZookeeperElection(connection, zkp, self, zookeeper.sessionTimeoutMs, zkLog);
  // Refused up front while suspended: a request would only queue until ZooKeeper is back.
  const fence = () => {
    leader.assertMayCommit();
    return election.fence();
  };
  const stamp = () => ({ instanceId: self().instanceId, epoch: leader.current()?.epoch ?? 0 });
  const session = () => connection.session();
  const registry = new InstanceRegistry(connection, zkp, self, config.ha.heartbeatMs, zkLog);
  await registry.start();
  const answerMs = Math.min(2000, zookeeper.sessionTimeoutMs);
  return {
    mode: 'zookeeper',
    election,
    leader,
    jobHa: {
      leader,
      jobGraphs: new ZkJobGraphStore(session, zkp, fence),
      checkpointHa: (jobId, firstId) =>
        new ZkCheckpointHa(jobId, session, zkp, fence, stamp, firstId),
    },
    coordination: () => connection.state(),
    instances: async () =>
      (await within(answerMs, null, registry.list())) ?? [registry.selfEntry()],
    leaderInstanceId: () => within(answerMs, null, election.leaderInstanceId()),
    close: async () => {
      registry.stop();
      await election.close();
    },
  };
}
