import type { FlinkLeader, FlinkZooKeeper } from '@weir/contract';
import { ZkSession } from '../../ha/zookeeper/zk-session.js';
import { decodeConnectionInfo } from './leader-connection-info.js';

/** Flink's leader nodes under `<root>/<cluster-id>` (its ZooKeeper HA layout since 1.15). */
export function leaderPaths(zk: FlinkZooKeeper) {
  const base = `/${[zk.root, zk.clusterId]
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}/leader`;
  return {
    restServer: `${base}/rest_server/connection_info`,
    dispatcher: `${base}/dispatcher/connection_info`,
    latch: `${base}/latch`,
  };
}

/**
 * Reads who leads a Flink cluster from its ZooKeeper ensemble: one short session per read
 * (bounded by `timeoutMs`), closed after. Null while no JobManager leads.
 */
export async function readFlinkLeader(
  zk: FlinkZooKeeper,
  timeoutMs: number,
): Promise<FlinkLeader | null> {
  const session = new ZkSession({ connectString: zk.quorum, sessionTimeoutMs: timeoutMs * 2 });
  try {
    await session.connect(timeoutMs);
    const paths = leaderPaths(zk);
    const [rest, dispatcher, contenders] = await Promise.all([
      session.get(paths.restServer),
      session.get(paths.dispatcher),
      session.exists(paths.latch).then((stat) => (stat ? session.children(paths.latch) : [])),
    ]);
    const restInfo = rest ? decodeConnectionInfo(rest.data) : null;
    const dispatcherInfo = dispatcher ? decodeConnectionInfo(dispatcher.data) : null;
    const sessionId = restInfo?.sessionId ?? dispatcherInfo?.sessionId;
    if (!sessionId) return null;
    return {
      restAddress: restInfo?.address ?? null,
      dispatcherAddress: dispatcherInfo?.address ?? null,
      sessionId,
      contenders: contenders.length,
    };
  } finally {
    session.close();
  }
}
