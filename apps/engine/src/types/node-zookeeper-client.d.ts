// The parts of node-zookeeper-client (which ships no types) that Weir uses.
declare module 'node-zookeeper-client' {
  import type { EventEmitter } from 'node:events';

  export interface State {
    name: string;
    code: number;
  }
  export interface Stat {
    version: number;
    ephemeralOwner: Buffer;
  }
  export interface ZkException extends Error {
    getCode(): number;
    getName(): string;
  }
  type Callback<T> = (error: ZkException | Error | null, result: T) => void;
  type Watcher = (event: { name: string; path: string }) => void;

  export interface Transaction {
    create(path: string, data?: Buffer, mode?: number): Transaction;
    check(path: string, version?: number): Transaction;
    setData(path: string, data: Buffer, version?: number): Transaction;
    remove(path: string, version?: number): Transaction;
    commit(callback: Callback<unknown[]>): void;
  }

  export interface Client extends EventEmitter {
    connect(): void;
    close(): void;
    getState(): State;
    getSessionId(): Buffer;
    /** The negotiated timeout once connected (the requested one before). */
    getSessionTimeout(): number;
    create(path: string, data: Buffer | null, mode: number, callback: Callback<string>): void;
    remove(
      path: string,
      version: number,
      callback: (error: ZkException | Error | null) => void,
    ): void;
    setData(path: string, data: Buffer, version: number, callback: Callback<Stat>): void;
    getData(
      path: string,
      watcher: Watcher | undefined,
      callback: (error: ZkException | Error | null, data: Buffer | undefined, stat: Stat) => void,
    ): void;
    exists(path: string, watcher: Watcher | undefined, callback: Callback<Stat | null>): void;
    getChildren(path: string, watcher: Watcher | undefined, callback: Callback<string[]>): void;
    mkdirp(path: string, callback: Callback<string>): void;
    transaction(): Transaction;
  }

  const zookeeper: {
    createClient(
      connectString: string,
      options?: { sessionTimeout?: number; spinDelay?: number; retries?: number },
    ): Client;
    CreateMode: {
      PERSISTENT: number;
      EPHEMERAL: number;
      EPHEMERAL_SEQUENTIAL: number;
      PERSISTENT_SEQUENTIAL: number;
    };
    State: Record<
      'DISCONNECTED' | 'SYNC_CONNECTED' | 'EXPIRED' | 'AUTH_FAILED' | 'CONNECTED_READ_ONLY',
      State
    >;
    Exception: Record<
      | 'NO_NODE'
      | 'NODE_EXISTS'
      | 'BAD_VERSION'
      | 'NOT_EMPTY'
      | 'CONNECTION_LOSS'
      | 'SESSION_EXPIRED',
      number
    >;
  };
  export default zookeeper;
}
