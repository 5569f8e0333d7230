import { BUILT_IN_CHANNEL_ID, globMatches } from '@weir/contract';
import type { RouteRecord } from '../../db/alert-channel-repository.js';

/**
 * The channels an incident of `rule` (on its job) is owed to: every channel with a route that
 * matches the rule's name and job; when none matches, the built-in webhook if configured.
 */
export function channelsFor(
  rule: { name: string; jobId: string },
  routes: readonly RouteRecord[],
  builtInConfigured: boolean,
): number[] {
  const routed = routes
    .filter((route) => globMatches(route.rule, rule.name) && globMatches(route.job, rule.jobId))
    .map((route) => route.channelId);
  if (routed.length > 0) return [...new Set(routed)];
  return builtInConfigured ? [BUILT_IN_CHANNEL_ID] : [];
}
