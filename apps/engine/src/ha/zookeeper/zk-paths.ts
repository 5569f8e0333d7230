/**
 * Every ZooKeeper path Weir uses, under `<root>/<clusterId>` like Flink's
 * high-availability.zookeeper.path.root and high-availability.cluster-id. Only pointers live
 * here; state stays in checkpoint storage.
 */
export function zkPaths(root: string, clusterId: string) {
  const base = `${root.replace(/\/+$/, '')}/${clusterId}`;
  const job = (jobId: string) => `${base}/jobs/${jobId}`;
  return {
    base,
    latchDir: `${base}/leader/latch`,
    leaderInfo: `${base}/leader/info`,
    epoch: `${base}/leader/epoch`,
    instances: `${base}/instances`,
    instance: (instanceId: string) => `${base}/instances/${instanceId}`,
    jobs: `${base}/jobs`,
    job,
    jobGraph: (jobId: string) => `${job(jobId)}/graph`,
    checkpointCounter: (jobId: string) => `${job(jobId)}/checkpoint-counter`,
    checkpoints: (jobId: string) => `${job(jobId)}/checkpoints`,
    /** Zero-padded so that ZooKeeper's lexical child order is numeric order. */
    checkpoint: (jobId: string, checkpointId: number) =>
      `${job(jobId)}/checkpoints/${String(checkpointId).padStart(12, '0')}`,
  };
}
export type ZkPaths = ReturnType<typeof zkPaths>;
