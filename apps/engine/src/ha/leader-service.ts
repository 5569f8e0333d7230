import { WeirError } from '../errors/weir-error.js';
import type { LeaderSession } from './leader-election.js';

const notLeader = (message: string) =>
  new WeirError('NOT_LEADER', message, { domain: 'user', retriable: true });

/**
 * This instance's current term of leadership, as the election driver reported it. Job actions
 * and checkpoint commits ask it first; ZooKeeper writes additionally carry the driver's fencing
 * checks, which hold even when this view is stale (a paused process has not heard yet).
 */
export class LeaderService {
  private session: LeaderSession | null = null;
  private suspended = false;

  granted(session: LeaderSession): void {
    this.session = session;
    this.suspended = false;
  }

  revoked(): void {
    this.session = null;
    this.suspended = false;
  }

  setSuspended(suspended: boolean): void {
    this.suspended = suspended;
  }

  isLeader(): boolean {
    return this.session !== null;
  }

  current(): LeaderSession | null {
    return this.session;
  }

  /** Throws NOT_LEADER unless this instance leads. */
  assertLeader(): LeaderSession {
    if (!this.session) throw notLeader('this instance is not the leader');
    return this.session;
  }

  /** Throws unless this instance leads and can reach the coordination service. */
  assertMayCommit(): void {
    this.assertLeader();
    if (this.suspended)
      throw notLeader('the leader is cut off from ZooKeeper: nothing commits until it is back');
  }
}
