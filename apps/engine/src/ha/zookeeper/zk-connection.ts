import { EventEmitter } from 'node:events';
import type { Logger } from '../../logging/logger.js';
import type { CoordinationState } from '../leader-election.js';
import { type ZkConnectionState, ZkSession, type ZkSessionOptions } from './zk-session.js';

/**
 * Keeps this instance connected to ZooKeeper across session expiry. An expired session cannot
 * be revived, so a fresh one replaces it; `session` is emitted for each new one so the election
 * and the instance registry can join again, and `state` for every connection state change.
 */
export class ZkConnection extends EventEmitter {
  private current: ZkSession | null = null;
  private closed = false;

  constructor(
    private readonly options: ZkSessionOptions & { connectTimeoutMs: number },
    private readonly logger: Logger,
  ) {
    super();
  }

  async open(): Promise<void> {
    await this.replaceSession();
  }

  session(): ZkSession {
    if (!this.current) throw new Error('no ZooKeeper session: call open() first');
    return this.current;
  }

  state(): CoordinationState {
    return this.current?.state ?? 'connecting';
  }

  private async replaceSession(): Promise<void> {
    const session = new ZkSession(this.options);
    this.current = session;
    session.on('state', (state: ZkConnectionState) => {
      this.logger.info({ zookeeper: state }, 'ZooKeeper connection state');
      this.emit('state', state);
      if (state === 'expired' && !this.closed) {
        session.close();
        this.reconnectUntilOpen();
      }
    });
    await session.connect(this.options.connectTimeoutMs);
    this.emit('session', session);
  }

  /** After expiry the ensemble may still be unreachable: keep trying until it answers. */
  private reconnectUntilOpen(): void {
    if (this.closed) return;
    this.replaceSession().catch((err: unknown) => {
      this.logger.warn({ err }, 'could not open a new ZooKeeper session; retrying');
      this.current?.close();
      setTimeout(() => this.reconnectUntilOpen(), 500);
    });
  }

  close(): void {
    this.closed = true;
    this.current?.close();
  }
}
