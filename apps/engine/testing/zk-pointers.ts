import type { CheckpointPointer } from '../src/ha/zookeeper/zk-checkpoint-ha.js';
import { zkPaths } from '../src/ha/zookeeper/zk-paths.js';
import { ZkSession } from '../src/ha/zookeeper/zk-session.js';
import { waitFor } from './wait-for.js';

/** Reads a job's completed-checkpoint pointers straight from ZooKeeper, as an auditor would. */
export async function readCheckpointPointers(
  connectString: string,
  jobId: string,
  cluster = { root: '/weir', clusterId: 'weir' },
): Promise<CheckpointPointer[]> {
  const zk = new ZkSession({ connectString, sessionTimeoutMs: 10_000 });
  try {
    await zk.connect(30_000);
    const dir = zkPaths(cluster.root, cluster.clusterId).checkpoints(jobId);
    const pointers: CheckpointPointer[] = [];
    for (const name of (await zk.children(dir)).sort()) {
      const node = await zk.get(`${dir}/${name}`);
      if (node) pointers.push(JSON.parse(node.data.toString()) as CheckpointPointer);
    }
    return pointers;
  } finally {
    zk.close();
  }
}

/** Waits until `instanceId` (as `who`, e.g. "the new leader") wrote a checkpoint pointer of `jobId`. */
export function pointerWrittenBy(
  connectString: string,
  jobId: string,
  instanceId: string,
  who: string,
): Promise<boolean> {
  return waitFor(`a checkpoint pointer by ${who}`, async () =>
    (await readCheckpointPointers(connectString, jobId)).some((p) => p.instanceId === instanceId),
  );
}
