import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/wait-for.js';
import { startZookeeper, type ZookeeperServer } from '../../../testing/zookeeper-services.js';
import { CommitOutcomeUnknownError } from '../../checkpoint/checkpoint-ha.js';
import { monotonicMs } from '../../core/leader-lease.js';
import type { ElectionListener, LeaderSession } from '../leader-election.js';
import { ZkCheckpointHa } from './zk-checkpoint-ha.js';
import { ZkConnection } from './zk-connection.js';
import { zkPaths } from './zk-paths.js';
import { ZK_ERROR, type ZkOp, type ZkSession } from './zk-session.js';
import { ZookeeperElection } from './zookeeper-election.js';

const logger = pino({ level: 'silent' });

/** One contender: its election, and what its listener heard. */
interface Contender {
  id: string;
  election: ZookeeperElection;
  connection: ZkConnection;
  grants: LeaderSession[];
  revocations: string[];
}

/** The election driver against a real ZooKeeper: who leads, epochs, step-down and fencing. */
describe('ZooKeeper leader election and HA stores', () => {
  let zk: ZookeeperServer;
  let contenders: Contender[] = [];
  let cluster = 0;

  beforeAll(async () => {
    zk = await startZookeeper();
  });
  afterEach(async () => {
    for (const c of contenders) await c.election.close();
    contenders = [];
  });
  afterAll(async () => {
    await zk?.stop();
  });

  async function contender(id: string, clusterId: string): Promise<Contender> {
    const connection = new ZkConnection(
      { connectString: zk.connectString, sessionTimeoutMs: 4000, connectTimeoutMs: 20_000 },
      logger,
    );
    await connection.open();
    const election = new ZookeeperElection(
      connection,
      zkPaths('/weir-test', clusterId),
      () => ({ instanceId: id, apiAddress: `http://${id}` }),
      4000,
      logger,
    );
    const c: Contender = { id, election, connection, grants: [], revocations: [] };
    const listener: ElectionListener = {
      granted: (session) => c.grants.push(session),
      revoked: (reason) => {
        c.revocations.push(reason);
      },
      suspended: () => {},
      resumed: () => {},
    };
    await election.start(listener);
    contenders.push(c);
    return c;
  }

  const freshCluster = () => `c${++cluster}`;

  it('grants exactly one contender, then the next one with a higher epoch when it leaves', async () => {
    const id = freshCluster();
    const a = await contender('a', id);
    const b = await contender('b', id);
    await waitFor('a leader', () => a.grants.length + b.grants.length > 0);
    expect(a.grants).toHaveLength(1);
    expect(b.grants).toHaveLength(0);
    expect(a.grants[0]?.previous).toBeNull();
    expect(await b.election.leaderInstanceId()).toBe('a');

    await a.election.close();
    contenders = contenders.filter((c) => c !== a);
    await waitFor('b to lead', () => b.grants.length > 0);
    expect(b.grants[0]?.epoch).toBe((a.grants[0]?.epoch ?? 0) + 1);
    expect(b.grants[0]?.previous?.instanceId).toBe('a');
  });

  it('steps down on request: the other leads, with the reason, and the first waits as standby', async () => {
    const id = freshCluster();
    const a = await contender('a', id);
    await waitFor('a to lead', () => a.grants.length > 0);
    const b = await contender('b', id);
    await a.election.stepDown('operator failover');
    expect(a.revocations).toEqual(['operator failover']);
    await waitFor('b to lead', () => b.grants.length > 0);
    expect(b.grants[0]?.previous).toEqual({ instanceId: 'a', reason: 'operator failover' });
    expect(await a.election.leaderInstanceId()).toBe('b');
    expect(a.grants).toHaveLength(1);
    expect(() => a.election.fence()).toThrow(/not the leader/);
  });

  it('fences the old leader: its writes fail once another has led, and pointers are create-only', async () => {
    const id = freshCluster();
    const paths = zkPaths('/weir-test', id);
    const a = await contender('a', id);
    await waitFor('a to lead', () => a.grants.length > 0);
    const b = await contender('b', id);
    // Captured while a still led: exactly what a late write from a deposed leader carries.
    const staleFence = a.election.fence();
    const storeOf = (c: Contender, fence: () => ReturnType<ZookeeperElection['fence']>) =>
      new ZkCheckpointHa(
        'job',
        () => c.connection.session(),
        paths,
        fence,
        () => ({ instanceId: c.id, epoch: c.grants.at(-1)?.epoch ?? 0 }),
        1,
      );
    const asA = storeOf(a, () => a.election.fence());
    expect(await asA.nextCheckpointId()).toBe(1);
    expect(await asA.nextCheckpointId()).toBe(2);
    await asA.commit('CHECKPOINT', 1, '/nowhere/chk-1', 2);
    // A confirmation's lease: 90 % of the negotiated session timeout (4 s), counted from
    // before the request went out.
    const asked = monotonicMs();
    const leaseUntilMs = await asA.confirmLeading();
    expect(leaseUntilMs).toBeGreaterThanOrEqual(asked + 3600);
    expect(leaseUntilMs).toBeLessThanOrEqual(monotonicMs() + 3600);

    await a.election.stepDown('test');
    await waitFor('b to lead', () => b.grants.length > 0);
    const asDeposedA = storeOf(a, () => staleFence);
    await expect(asDeposedA.commit('CHECKPOINT', 2, '/nowhere/chk-2', 2)).rejects.toThrow();
    await expect(asDeposedA.confirmLeading()).rejects.toThrow();

    const asB = storeOf(b, () => b.election.fence());
    expect(await asB.nextCheckpointId()).toBe(3);
    await asB.commit('CHECKPOINT', 3, '/nowhere/chk-3', 2);
    // Create-only: nobody completes checkpoint 3 twice.
    await expect(asB.commit('CHECKPOINT', 3, '/elsewhere/chk-3', 2)).rejects.toThrow();
    await asB.commit('CHECKPOINT', 4, '/nowhere/chk-4', 2);
    // Two retained: pointer 1 went when 4 came. Recovery reads them newest first (and skips
    // both here, as no such folders exist, saying why).
    const recovery = await asB.recover();
    expect(recovery.highestSeenId).toBe(4);
    expect(recovery.skipped.map((s) => s.dir)).toEqual(['/nowhere/chk-4', '/nowhere/chk-3']);
  });

  it('counts a commit whose answer was lost as done exactly when ZooKeeper applied it', async () => {
    const id = freshCluster();
    const a = await contender('a', id);
    await waitFor('a to lead', () => a.grants.length > 0);
    /** When set, the connection drops as a transaction is sent: after it applied, or before. */
    let drop: 'after' | 'before' | null = null;
    /** When set, reads fail too once a transaction's answer was lost. */
    let blind = false;
    let answerLost = false;
    const connectionLoss = () =>
      // What the client library rejects a request with when its connection drops.
      Object.assign(new Error('CONNECTION_LOSS'), { getCode: () => ZK_ERROR.CONNECTION_LOSS });
    const losing = () => {
      const session = a.connection.session();
      return Object.assign(Object.create(session), {
        multi: async (ops: ZkOp[]) => {
          answerLost = false;
          if (drop !== 'before') await session.multi(ops);
          if (drop === null) return;
          answerLost = true;
          throw connectionLoss();
        },
        get: async (path: string) => {
          if (blind && answerLost) throw connectionLoss();
          return session.get(path);
        },
      }) as ZkSession;
    };
    const store = new ZkCheckpointHa(
      'job',
      losing,
      zkPaths('/weir-test', id),
      () => a.election.fence(),
      () => ({ instanceId: 'a', epoch: a.grants.at(-1)?.epoch ?? 0 }),
      1,
    );
    expect(await store.nextCheckpointId()).toBe(1);
    drop = 'after';
    await store.commit('CHECKPOINT', 1, '/nowhere/chk-1', 3);
    // Not applied: no pointer to be found, yet the request could still be on its way (or the
    // server asked lag behind), so the outcome is unknown, not refused.
    drop = 'before';
    await expect(store.commit('CHECKPOINT', 2, '/nowhere/chk-2', 3)).rejects.toBeInstanceOf(
      CommitOutcomeUnknownError,
    );
    // The pointer of the applied commit stands; the lost one does not exist.
    expect((await store.recover()).skipped.map((s) => s.dir)).toEqual(['/nowhere/chk-1']);

    // No answer to the read-back either: unknown whether or not the server applied it, and the
    // pointers (what retention keeps) tell once they can be read.
    blind = true;
    for (const [checkpointId, dropped] of [
      [3, 'after'],
      [4, 'before'],
    ] as const) {
      drop = dropped;
      answerLost = false;
      await expect(
        store.commit('CHECKPOINT', checkpointId, `/nowhere/chk-${checkpointId}`, 3),
      ).rejects.toBeInstanceOf(CommitOutcomeUnknownError);
    }
    answerLost = false;
    expect(await store.recoverableIds()).toEqual([3, 1]);
  });
});
