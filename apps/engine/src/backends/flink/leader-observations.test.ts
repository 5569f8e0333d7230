import { describe, expect, it } from 'vitest';
import { LEADER_CHANGES_KEPT, observeLeader } from './leader-observations.js';
import { leaderPaths } from './zookeeper-leader.js';

const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 3, 0, s));
const leader = (sessionId: string) => ({
  restAddress: `http://jm-${sessionId}:8081`,
  dispatcherAddress: null,
  sessionId,
  contenders: 2,
});

describe('observeLeader', () => {
  it('records a change for each new leader session, not for readings without a leader', () => {
    const first = observeLeader(undefined, leader('a'), at(0));
    expect(first.changes).toEqual([
      {
        at: at(0).toISOString(),
        previousSessionId: null,
        sessionId: 'a',
        restAddress: 'http://jm-a:8081',
      },
    ]);
    const same = observeLeader(first, leader('a'), at(5));
    expect(same.changes).toHaveLength(1);
    const none = observeLeader(same, null, at(10));
    expect(none.changes).toHaveLength(1);
    const failedOver = observeLeader(none, leader('b'), at(20));
    expect(failedOver.changes[0]).toEqual({
      at: at(20).toISOString(),
      previousSessionId: 'a',
      sessionId: 'b',
      restAddress: 'http://jm-b:8081',
    });
  });

  it('keeps a bounded number of changes, newest first', () => {
    let observed = observeLeader(undefined, leader('0'), at(0));
    for (let i = 1; i <= LEADER_CHANGES_KEPT + 5; i++)
      observed = observeLeader(observed, leader(String(i)), at(i));
    expect(observed.changes).toHaveLength(LEADER_CHANGES_KEPT);
    expect(observed.changes[0]?.sessionId).toBe(String(LEADER_CHANGES_KEPT + 5));
  });
});

describe('leaderPaths', () => {
  it('joins root and cluster id the way Flink does, whatever their slashes', () => {
    expect(leaderPaths({ quorum: 'zk:2181', root: '/flink', clusterId: '/default' })).toEqual({
      restServer: '/flink/default/leader/rest_server/connection_info',
      dispatcher: '/flink/default/leader/dispatcher/connection_info',
      latch: '/flink/default/leader/latch',
    });
    expect(leaderPaths({ quorum: 'zk:2181', root: '/a/b/', clusterId: 'prod' }).latch).toBe(
      '/a/b/prod/leader/latch',
    );
  });
});
