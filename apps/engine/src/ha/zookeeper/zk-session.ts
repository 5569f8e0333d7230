/// <reference path="../../types/node-zookeeper-client.d.ts" />
// (The reference: code outside the engine's tsconfig, such as the console's tests, reaches
// this file through the cluster registry and must see the library's types too.)
import { EventEmitter } from 'node:events';
import zookeeper, { type Client, type Stat, type ZkException } from 'node-zookeeper-client';
import { monotonicMs } from '../../core/leader-lease.js';

/** What the rest of Weir sees of a ZooKeeper session. */
export type ZkConnectionState = 'connecting' | 'connected' | 'suspended' | 'expired' | 'closed';

export const ZK_ERROR = zookeeper.Exception;

export function zkErrorCode(error: unknown): number | null {
  const candidate = error as Partial<ZkException> | null;
  return typeof candidate?.getCode === 'function' ? candidate.getCode() : null;
}

export interface ZkSessionOptions {
  connectString: string;
  sessionTimeoutMs: number;
  /** Called with every request's duration, for the request-latency histogram. */
  onRequest?: (op: string, seconds: number) => void;
}

export type ZkOp =
  | { op: 'create'; path: string; data: Buffer; ephemeral?: boolean }
  | { op: 'check'; path: string; version?: number }
  | { op: 'set'; path: string; data: Buffer; version?: number }
  | { op: 'remove'; path: string; version?: number };

/**
 * One ZooKeeper session with promise-returning calls. Emits `state` with a ZkConnectionState.
 * An expired session is dead for good (the client library does not reconnect it): owners make
 * a new ZkSession, as every ephemeral node of the old one is gone anyway.
 */
export class ZkSession extends EventEmitter {
  private readonly client: Client;
  state: ZkConnectionState = 'connecting';

  constructor(private readonly options: ZkSessionOptions) {
    super();
    this.client = zookeeper.createClient(options.connectString, {
      sessionTimeout: options.sessionTimeoutMs,
      // Try the next server quickly: failover time is what HA is judged by.
      spinDelay: 200,
      retries: 0,
    });
    this.client.on('state', (state: { code: number }) => this.onState(state.code));
  }

  /** Resolves once connected; rejects when `timeoutMs` passes first. */
  connect(timeoutMs: number): Promise<void> {
    this.client.connect();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(
          new Error(
            `no ZooKeeper session with ${this.options.connectString} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const onState = (state: ZkConnectionState) => {
        if (state !== 'connected') return;
        clearTimeout(timer);
        this.off('state', onState);
        resolve();
      };
      this.on('state', onState);
      if (this.state === 'connected') onState('connected');
    });
  }

  private onState(code: number): void {
    const { State } = zookeeper;
    const next: ZkConnectionState | null =
      code === State.SYNC_CONNECTED.code
        ? 'connected'
        : code === State.DISCONNECTED.code
          ? 'suspended'
          : code === State.EXPIRED.code
            ? 'expired'
            : null;
    if (!next || next === this.state || this.state === 'closed') return;
    this.state = next;
    this.emit('state', next);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.client.close();
    this.emit('state', 'closed');
  }

  private timed<T>(
    op: string,
    run: (done: (error: unknown, value: T) => void) => void,
  ): Promise<T> {
    const started = performance.now();
    return new Promise<T>((resolve, reject) =>
      run((error, value) => {
        this.options.onRequest?.(op, (performance.now() - started) / 1000);
        if (error) reject(error);
        else resolve(value);
      }),
    );
  }

  create(
    path: string,
    data: Buffer,
    mode: 'persistent' | 'ephemeral' | 'ephemeral-sequential',
  ): Promise<string> {
    const modes = {
      persistent: zookeeper.CreateMode.PERSISTENT,
      ephemeral: zookeeper.CreateMode.EPHEMERAL,
      'ephemeral-sequential': zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL,
    };
    return this.timed('create', (done) => this.client.create(path, data, modes[mode], done));
  }

  /** Creates `path` and its parents if missing. */
  mkdirp(path: string): Promise<string> {
    return this.timed('create', (done) => this.client.mkdirp(path, done));
  }

  /** The node's data and stat, or null when it does not exist. */
  async get(path: string, watcher?: () => void): Promise<{ data: Buffer; stat: Stat } | null> {
    try {
      return await this.timed<{ data: Buffer; stat: Stat }>('get', (done) =>
        this.client.getData(path, watcher, (error, data, stat) =>
          done(error, { data: data ?? Buffer.alloc(0), stat }),
        ),
      );
    } catch (error) {
      if (zkErrorCode(error) === ZK_ERROR.NO_NODE) return null;
      throw error;
    }
  }

  /** Resolves with the stat, or null when the node does not exist (the watcher still fires on create). */
  exists(path: string, watcher?: () => void): Promise<Stat | null> {
    return this.timed('exists', (done) => this.client.exists(path, watcher, done));
  }

  /** Children names, or [] when the node does not exist. */
  async children(path: string, watcher?: () => void): Promise<string[]> {
    try {
      return await this.timed('children', (done) => this.client.getChildren(path, watcher, done));
    } catch (error) {
      if (zkErrorCode(error) === ZK_ERROR.NO_NODE) return [];
      throw error;
    }
  }

  set(path: string, data: Buffer, version: number): Promise<Stat> {
    return this.timed('set', (done) => this.client.setData(path, data, version, done));
  }

  /** Removes the node; a node already gone is not an error. */
  async remove(path: string): Promise<void> {
    try {
      await this.timed<void>('remove', (done) =>
        this.client.remove(path, -1, (e) => done(e, undefined)),
      );
    } catch (error) {
      if (zkErrorCode(error) !== ZK_ERROR.NO_NODE) throw error;
    }
  }

  /**
   * All `ops` or none. The client library treats version 0 as "any version" inside a
   * transaction, so callers only check versions they know are ≥ 1.
   */
  multi(ops: ZkOp[]): Promise<unknown[]> {
    const tx = this.client.transaction();
    for (const op of ops) {
      if (op.op === 'create')
        tx.create(
          op.path,
          op.data,
          op.ephemeral ? zookeeper.CreateMode.EPHEMERAL : zookeeper.CreateMode.PERSISTENT,
        );
      else if (op.op === 'check') tx.check(op.path, op.version ?? -1);
      else if (op.op === 'set') tx.setData(op.path, op.data, op.version ?? -1);
      else tx.remove(op.path, op.version ?? -1);
    }
    return this.timed('multi', (done) => tx.commit(done));
  }

  /**
   * Runs `ops` (checks that hold only while this session does) and returns until when, on
   * `monotonicMs`, their answer still holds. The server keeps a session for at least its
   * negotiated timeout after the last request it received, and this one was sent after
   * `askedMs`: before `askedMs + timeout` the session, and every ephemeral node the checks
   * looked at, still exists. A tenth of the timeout is kept back for clocks that run at
   * slightly different rates.
   */
  async leaseFrom(ops: ZkOp[]): Promise<number> {
    const askedMs = monotonicMs();
    await this.multi(ops);
    return askedMs + this.client.getSessionTimeout() * 0.9;
  }
}
