import { WeirError } from '../../errors/weir-error.js';
import type { Logger } from '../../logging/logger.js';
import type {
  CoordinationState,
  ElectionListener,
  LeaderElectionDriver,
  LeaderSession,
} from '../leader-election.js';
import type { ZkConnection } from './zk-connection.js';
import type { ZkPaths } from './zk-paths.js';
import { ZK_ERROR, type ZkOp, type ZkSession, zkErrorCode } from './zk-session.js';

/** What the leader publishes at leader/info for the other instances. */
export interface PublishedLeader {
  instanceId: string;
  apiAddress: string;
  epoch: number;
  since: string;
  /** Set by a leader that steps down on purpose, so its successor can say why it leads. */
  steppedDown?: { reason: string; at: string };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const sequenceOf = (node: string) => Number(node.slice(node.lastIndexOf('-') + 1));

/**
 * The classic ZooKeeper latch: every instance creates an ephemeral sequential node under
 * leader/latch; the lowest leads, each other watches the node just before its own (no herd).
 * A grant bumps leader/epoch with compare-and-set; the epoch node's version and our own latch
 * node are checked inside every HA write (`fence`), so a deposed leader's writes fail even if
 * it has not noticed yet.
 */
export class ZookeeperElection implements LeaderElectionDriver {
  readonly mode = 'zookeeper' as const;
  private listener: ElectionListener | null = null;
  private latchPath: string | null = null;
  private leading: (LeaderSession & { epochVersion: number }) | null = null;
  private lostContactTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly connection: ZkConnection,
    private readonly paths: ZkPaths,
    private readonly self: () => { instanceId: string; apiAddress: string },
    private readonly sessionTimeoutMs: number,
    private readonly logger: Logger,
  ) {}

  async start(listener: ElectionListener): Promise<void> {
    this.listener = listener;
    this.connection.on('state', (state: string) => this.onConnectionState(state));
    this.connection.on('session', () => void this.joinSafely());
    await this.join();
  }

  coordinationState(): CoordinationState {
    return this.connection.state();
  }

  /** The fencing checks every HA write carries: we still hold our latch and the epoch is ours. */
  fence(): ZkOp[] {
    if (!this.leading || !this.latchPath)
      throw new WeirError('NOT_LEADER', 'this instance is not the leader', {
        domain: 'user',
        retriable: true,
      });
    return [
      { op: 'check', path: this.latchPath },
      { op: 'check', path: this.paths.epoch, version: this.leading.epochVersion },
    ];
  }

  private zk(): ZkSession {
    return this.connection.session();
  }

  private async joinSafely(): Promise<void> {
    try {
      await this.join();
    } catch (err) {
      this.logger.error({ err }, 'could not join the leader election');
    }
  }

  private async join(): Promise<void> {
    if (this.closed) return;
    const zk = this.zk();
    await zk.mkdirp(this.paths.latchDir);
    if (!(await zk.exists(this.paths.epoch))) {
      await zk.create(this.paths.epoch, json(0), 'persistent').catch((error: unknown) => {
        if (zkErrorCode(error) !== ZK_ERROR.NODE_EXISTS) throw error;
      });
    }
    this.latchPath = await zk.create(
      `${this.paths.latchDir}/latch-`,
      json({ instanceId: this.self().instanceId }),
      'ephemeral-sequential',
    );
    await this.checkLatch();
  }

  private async checkLatch(): Promise<void> {
    const zk = this.zk();
    const mine = this.latchPath;
    if (!mine || this.closed || this.leading) return;
    const nodes = (await zk.children(this.paths.latchDir)).sort(
      (a, b) => sequenceOf(a) - sequenceOf(b),
    );
    const index = nodes.indexOf(mine.slice(mine.lastIndexOf('/') + 1));
    if (index < 0) return; // our node is gone: a new session will join again
    if (index === 0) {
      await this.becomeLeader(zk, mine);
      return;
    }
    const predecessor = `${this.paths.latchDir}/${nodes[index - 1]}`;
    const watched = await zk.exists(predecessor, () => void this.checkLatchSafely());
    if (!watched) await this.checkLatch();
  }

  private async checkLatchSafely(): Promise<void> {
    try {
      await this.checkLatch();
    } catch (err) {
      this.logger.error({ err }, 'leader election check failed');
    }
  }

  private async becomeLeader(zk: ZkSession, latchPath: string): Promise<void> {
    const previousInfo = await zk.get(this.paths.leaderInfo);
    const previous = previousInfo
      ? (JSON.parse(previousInfo.data.toString()) as PublishedLeader)
      : null;
    const epoch = await this.bumpEpoch(zk);
    const session = {
      epoch: epoch.value,
      epochVersion: epoch.version,
      grantedAt: new Date(),
      previous: previous
        ? {
            instanceId: previous.instanceId,
            reason:
              previous.steppedDown?.reason ?? 'the previous leader lost its ZooKeeper session',
          }
        : null,
    };
    if (this.latchPath !== latchPath) return; // lost our node while bumping
    this.leading = session;
    const info: PublishedLeader = {
      ...this.self(),
      epoch: session.epoch,
      since: session.grantedAt.toISOString(),
    };
    await this.writeLeaderInfo(info, previousInfo !== null);
    this.logger.info({ epoch: session.epoch, previous: session.previous }, 'granted leadership');
    this.listener?.granted(session);
  }

  private async bumpEpoch(zk: ZkSession): Promise<{ value: number; version: number }> {
    for (;;) {
      const current = await zk.get(this.paths.epoch);
      if (!current) throw new Error(`${this.paths.epoch} vanished`);
      const value = Number(current.data.toString()) + 1;
      try {
        const stat = await zk.set(this.paths.epoch, json(value), current.stat.version);
        return { value, version: stat.version };
      } catch (error) {
        if (zkErrorCode(error) !== ZK_ERROR.BAD_VERSION) throw error;
      }
    }
  }

  private async writeLeaderInfo(info: PublishedLeader, exists: boolean): Promise<void> {
    const data = json(info);
    await this.zk().multi([
      ...this.fence(),
      exists
        ? { op: 'set', path: this.paths.leaderInfo, data }
        : { op: 'create', path: this.paths.leaderInfo, data },
    ]);
  }

  /** The published leader, or null when none has been elected yet. */
  async currentLeader(): Promise<PublishedLeader | null> {
    const node = await this.zk().get(this.paths.leaderInfo);
    return node ? (JSON.parse(node.data.toString()) as PublishedLeader) : null;
  }

  /**
   * Who holds the lowest latch node: the leader, or the one about to be. leader/info alone
   * would still name a dead leader until its successor overwrites it.
   */
  async leaderInstanceId(): Promise<string | null> {
    const zk = this.zk();
    const [first] = (await zk.children(this.paths.latchDir)).sort(
      (a, b) => sequenceOf(a) - sequenceOf(b),
    );
    if (!first) return null;
    const node = await zk.get(`${this.paths.latchDir}/${first}`);
    return node ? (JSON.parse(node.data.toString()) as { instanceId: string }).instanceId : null;
  }

  private onConnectionState(state: string): void {
    if (state === 'suspended') {
      if (this.leading) this.listener?.suspended();
      // ZooKeeper expires a session only once the client is back; a leader cut off for a whole
      // session timeout must assume a standby already took over.
      this.lostContactTimer ??= setTimeout(
        () => this.lose('no contact with ZooKeeper for the whole session timeout'),
        this.sessionTimeoutMs,
      );
    } else if (state === 'connected') {
      this.clearLostContactTimer();
      if (this.leading) this.listener?.resumed();
    } else if (state === 'expired') {
      this.lose('ZooKeeper session expired');
    }
  }

  private clearLostContactTimer(): void {
    if (this.lostContactTimer) clearTimeout(this.lostContactTimer);
    this.lostContactTimer = null;
  }

  private lose(reason: string): void {
    this.clearLostContactTimer();
    this.latchPath = null;
    if (!this.leading) return;
    this.leading = null;
    this.logger.warn({ reason }, 'lost leadership');
    this.listener?.revoked(reason);
  }

  async stepDown(reason: string): Promise<void> {
    const leading = this.leading;
    const latchPath = this.latchPath;
    if (!leading || !latchPath)
      throw new WeirError('NOT_LEADER', 'only the leader can step down', { domain: 'user' });
    const current = await this.currentLeader();
    if (current)
      await this.writeLeaderInfo(
        { ...current, steppedDown: { reason, at: new Date().toISOString() } },
        true,
      );
    this.leading = null;
    this.latchPath = null;
    // Jobs stop before the latch goes, so the successor never runs them alongside us.
    await this.listener?.revoked(reason);
    await this.zk().remove(latchPath);
    await this.join();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearLostContactTimer();
    if (this.leading) {
      this.leading = null;
      await this.listener?.revoked('instance closing');
    }
    this.connection.close();
  }
}
