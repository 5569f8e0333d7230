import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ClusterOverview } from '@weir/contract';
import { type EngineProcess, killEngine, startEngineProcess } from './engine-process.js';
import { waitFor } from './wait-for.js';

/**
 * Several engine processes forming one HA cluster over a real ZooKeeper and PostgreSQL, with
 * shared checkpoint and savepoint folders, as a test would run them on one machine.
 */
export class HaCluster {
  readonly engines = new Map<string, EngineProcess>();
  /** SIGSTOPped engines: their APIs do not answer, so queries go elsewhere. */
  private readonly frozen = new Set<string>();
  private started = 0;

  constructor(
    private readonly options: {
      zookeeper: string;
      databaseUrl: string;
      dir: string;
      sessionTimeoutMs: number;
      env?: Record<string, string>;
      /** Sees every engine's log lines as they arrive (see `startEngineProcess`). */
      onLine?: (id: string, line: string, child: ChildProcess) => void;
    },
  ) {}

  /** Starts one more engine; instance ids are e1, e2, ... in start order. */
  async startEngine(): Promise<{ id: string; engine: EngineProcess }> {
    this.started += 1;
    const id = `e${this.started}`;
    const { dir } = this.options;
    const engine = await startEngineProcess(
      {
        DATABASE_URL: this.options.databaseUrl,
        WEIR_INSTANCE_ID: id,
        WEIR_HA_MODE: 'zookeeper',
        WEIR_ZOOKEEPER_CONNECT: this.options.zookeeper,
        WEIR_ZOOKEEPER_SESSION_TIMEOUT_MS: String(this.options.sessionTimeoutMs),
        WEIR_HEARTBEAT_MS: '500',
        WEIR_DATA_DIR: path.join(dir, id),
        WEIR_CHECKPOINT_DIR: path.join(dir, 'checkpoints'),
        WEIR_SAVEPOINT_DIR: path.join(dir, 'savepoints'),
        WEIR_FILE_SINK_ROOT: dir,
        ...this.options.env,
      },
      undefined,
      (line, child) => this.options.onLine?.(id, line, child),
    );
    this.engines.set(id, engine);
    return { id, engine };
  }

  /** An engine that answers (not frozen). */
  any(): EngineProcess {
    const id = [...this.engines.keys()].find((key) => !this.frozen.has(key));
    if (!id) throw new Error('no engine is running and unfrozen');
    return this.engines.get(id) as EngineProcess;
  }

  /** SIGSTOP: the process, its workers and its ZooKeeper heartbeats all stand still. */
  freeze(id: string): void {
    this.engines.get(id)?.child.kill('SIGSTOP');
    this.frozen.add(id);
  }

  thaw(id: string): void {
    this.engines.get(id)?.child.kill('SIGCONT');
    this.frozen.delete(id);
  }

  overview(via: EngineProcess = this.any()): Promise<ClusterOverview> {
    return via.api.cluster.overview.query();
  }

  /** Waits until some engine other than `not` leads and has recorded its takeover as done. */
  async waitForLeader(options: { not?: string; timeoutMs?: number } = {}) {
    return waitFor(
      `a leader${options.not ? ` other than ${options.not}` : ''} that has recovered its jobs`,
      async () => {
        const overview = await this.overview();
        const leader = overview.leader?.instanceId;
        if (!leader || leader === options.not || !this.engines.has(leader)) return null;
        const change = overview.leaderChanges[0];
        if (change?.newInstanceId !== leader || change.recoveryMs === null) return null;
        return { id: leader, engine: this.engines.get(leader) as EngineProcess, change };
      },
      options.timeoutMs ?? 60_000,
      100,
    );
  }

  async kill(id: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const engine = this.engines.get(id);
    if (!engine) return;
    this.engines.delete(id);
    await killEngine(engine, signal);
  }

  async stop(): Promise<void> {
    for (const id of [...this.frozen]) this.thaw(id);
    for (const id of [...this.engines.keys()]) await this.kill(id);
  }
}
