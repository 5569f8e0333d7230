import type { FlinkLeader, FlinkLeaderChange } from '@weir/contract';

/** Changes kept per cluster, newest first. */
export const LEADER_CHANGES_KEPT = 20;

export interface LeaderObservations {
  last: FlinkLeader | null;
  changes: FlinkLeaderChange[];
}

/**
 * Adds one reading of a Flink cluster's leader: a new leader session (a failover, or the first
 * leader after none) is a change; a reading without a leader is not (the next leader's is).
 */
export function observeLeader(
  previous: LeaderObservations | undefined,
  current: FlinkLeader | null,
  now: Date,
): LeaderObservations {
  const changes = previous?.changes ?? [];
  const lastSession = previous?.last?.sessionId ?? changes[0]?.sessionId ?? null;
  if (!current || current.sessionId === lastSession)
    return { last: current ?? previous?.last ?? null, changes };
  const change: FlinkLeaderChange = {
    at: now.toISOString(),
    previousSessionId: lastSession,
    sessionId: current.sessionId,
    restAddress: current.restAddress,
  };
  return { last: current, changes: [change, ...changes].slice(0, LEADER_CHANGES_KEPT) };
}
