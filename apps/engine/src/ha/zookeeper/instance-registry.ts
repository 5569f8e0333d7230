import type { CoordinationState } from '@weir/contract';
import type { Logger } from '../../logging/logger.js';
import type { ZkConnection } from './zk-connection.js';
import type { ZkPaths } from './zk-paths.js';

export interface RegisteredInstance {
  instanceId: string;
  apiAddress: string;
  startedAt: string;
  coordination: CoordinationState;
  lastHeartbeatAt: string;
}

/**
 * Each instance keeps an ephemeral node at instances/<id> and rewrites it every heartbeat, so
 * the overview can list who is alive (the node vanishes with its session) and when each last
 * checked in. Re-registers on every new session.
 */
export class InstanceRegistry {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: ZkConnection,
    private readonly paths: ZkPaths,
    private readonly self: () => { instanceId: string; apiAddress: string; startedAt: string },
    private readonly heartbeatMs: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.connection.on('session', () => void this.beat());
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
  }

  selfEntry(): RegisteredInstance {
    return {
      ...this.self(),
      coordination: this.connection.state(),
      lastHeartbeatAt: new Date().toISOString(),
    };
  }

  private async beat(): Promise<void> {
    const zk = this.connection.session();
    if (zk.state !== 'connected') return;
    const path = this.paths.instance(this.self().instanceId);
    const data = Buffer.from(JSON.stringify(this.selfEntry()));
    try {
      const exists = await zk.exists(path);
      if (exists) await zk.set(path, data, -1);
      else {
        await zk.mkdirp(this.paths.instances);
        await zk.create(path, data, 'ephemeral');
      }
    } catch (err) {
      this.logger.warn({ err }, 'instance heartbeat failed');
    }
  }

  async list(): Promise<RegisteredInstance[]> {
    const zk = this.connection.session();
    const instances: RegisteredInstance[] = [];
    for (const id of await zk.children(this.paths.instances)) {
      const node = await zk.get(this.paths.instance(id));
      if (node) instances.push(JSON.parse(node.data.toString()) as RegisteredInstance);
    }
    // Our own line is always current, even when ZooKeeper cannot be reached to update it.
    const mine = this.selfEntry();
    return [...instances.filter((i) => i.instanceId !== mine.instanceId), mine];
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
