import type { ClusterHealth } from '@weir/contract';

/**
 * What a cluster's health becomes after one attempt to reach it: `since` moves only when the
 * state changes, so the console can say "unreachable since 03:12" however often it asks.
 */
export function nextHealth(
  previous: ClusterHealth | undefined,
  outcome: { reached: true } | { reached: false; error: string },
  now: Date,
): ClusterHealth {
  const state = outcome.reached ? 'up' : 'unreachable';
  const at = now.toISOString();
  return {
    state,
    since: previous?.state === state ? previous.since : at,
    checkedAt: at,
    error: outcome.reached ? null : outcome.error,
  };
}
