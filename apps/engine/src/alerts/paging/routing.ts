import { BUILT_IN_CHANNEL_ID, globMatches, labelMatches } from '@weir/contract';
import type { RouteRecord } from '../../db/alert-channel-repository.js';

/**
 * The channels an incident of `rule` (on its job, with the job's labels) is owed to: every
 * channel with a route that matches the rule's name, the job and the job's labels; when none
 * matches, the built-in webhook if configured.
 */
export function channelsFor(
  rule: { name: string; jobId: string },
  jobLabels: Readonly<Record<string, string>>,
  routes: readonly RouteRecord[],
  builtInConfigured: boolean,
): number[] {
  const routed = routes
    .filter(
      (route) =>
        globMatches(route.rule, rule.name) &&
        globMatches(route.job, rule.jobId) &&
        labelMatches(route.label, jobLabels),
    )
    .map((route) => route.channelId);
  if (routed.length > 0) return [...new Set(routed)];
  return builtInConfigured ? [BUILT_IN_CHANNEL_ID] : [];
}
