/**
 * Leader election behind one interface, so the rest of the engine does not care whether a
 * single embedded instance or a ZooKeeper latch decides who leads.
 */

/** One term of leadership. A new grant always has a higher epoch than every earlier one. */
export interface LeaderSession {
  epoch: number;
  grantedAt: Date;
  /** Who led before this grant, and why they stopped (as far as the driver can tell). */
  previous: { instanceId: string; reason: string } | null;
}

export interface ElectionListener {
  granted(session: LeaderSession): void;
  /**
   * Leadership is gone for good (session expired, stepped down, closing). A driver that gives
   * leadership up on purpose waits for the returned promise before letting anyone else lead.
   */
  revoked(reason: string): void | Promise<void>;
  /** The coordination service is unreachable: keep running, commit nothing until `resumed`. */
  suspended(): void;
  resumed(): void;
}

export type CoordinationState =
  | 'embedded'
  | 'connecting'
  | 'connected'
  | 'suspended'
  | 'expired'
  | 'closed';

export interface LeaderElectionDriver {
  readonly mode: 'embedded' | 'zookeeper';
  start(listener: ElectionListener): Promise<void>;
  /** Gives leadership up so another instance takes it; this instance stays in the running. */
  stepDown(reason: string): Promise<void>;
  coordinationState(): CoordinationState;
  close(): Promise<void>;
}
