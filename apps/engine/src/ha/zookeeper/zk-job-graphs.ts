import type { JobSpec } from '@weir/contract';
import type { JobGraphStore } from '../job-graph-store.js';
import type { ZkPaths } from './zk-paths.js';
import type { ZkOp, ZkSession } from './zk-session.js';

/** Submitted job specs at jobs/<job>/graph, written and removed under the leader's fence. */
export class ZkJobGraphStore implements JobGraphStore {
  constructor(
    private readonly zk: () => ZkSession,
    private readonly paths: ZkPaths,
    private readonly fence: () => ZkOp[],
  ) {}

  async put(spec: JobSpec): Promise<void> {
    const zk = this.zk();
    const path = this.paths.jobGraph(spec.id);
    await zk.mkdirp(this.paths.job(spec.id));
    const data = Buffer.from(JSON.stringify(spec));
    const exists = await zk.exists(path);
    await zk.multi([
      ...this.fence(),
      exists ? { op: 'set', path, data } : { op: 'create', path, data },
    ]);
  }

  async remove(jobId: string): Promise<void> {
    const zk = this.zk();
    const checkpoints = await zk.children(this.paths.checkpoints(jobId));
    const ops: ZkOp[] = [
      ...checkpoints.map(
        (name): ZkOp => ({ op: 'remove', path: `${this.paths.checkpoints(jobId)}/${name}` }),
      ),
    ];
    for (const path of [
      this.paths.checkpoints(jobId),
      this.paths.checkpointCounter(jobId),
      this.paths.jobGraph(jobId),
    ])
      if (await zk.exists(path)) ops.push({ op: 'remove', path });
    if (await zk.exists(this.paths.job(jobId)))
      ops.push({ op: 'remove', path: this.paths.job(jobId) });
    await zk.multi([...this.fence(), ...ops]);
  }

  async list(): Promise<JobSpec[]> {
    const zk = this.zk();
    const specs: JobSpec[] = [];
    for (const jobId of await zk.children(this.paths.jobs)) {
      const node = await zk.get(this.paths.jobGraph(jobId));
      if (node) specs.push(JSON.parse(node.data.toString()) as JobSpec);
    }
    return specs;
  }
}
