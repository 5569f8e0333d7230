'use client';

import { globMatches } from '@weir/contract';
import { useAlertChannels, useAlertRoutes } from '@/lib/queries/alerts';
import type { AlertRule } from '@/lib/trpc/types';
import { useRoleGate } from '@/lib/use-me';
import { ErrorNotice } from '../ErrorNotice';
import { useRouteChange } from './RoutesTable';

/**
 * The channels a rule notifies, by the routes that match it, and (for admins) a choice to
 * route it to one more: a route for this rule name on this job.
 */
export function RuleRoutes({ rule }: { rule: AlertRule }) {
  const routes = useAlertRoutes().data ?? [];
  const channels = useAlertChannels().data ?? [];
  const { add } = useRouteChange();
  const { allowed } = useRoleGate('admin');
  const matching = routes.filter(
    (r) => globMatches(r.rule, rule.name) && globMatches(r.job, rule.jobId),
  );
  const names = [...new Set(matching.map((r) => r.channel))];
  const builtIn = channels.find((c) => c.builtIn);
  const others = channels.filter((c) => !c.builtIn && !names.includes(c.name));
  const label = `${rule.jobId} ${rule.name}`;
  return (
    <>
      <span className="small" data-testid={`rule-channels-${rule.jobId}-${rule.name}`}>
        {names.length > 0 ? names.join(', ') : builtIn ? `${builtIn.name} (no route)` : '—'}
      </span>
      {allowed && others.length > 0 ? (
        <select
          aria-label={`Route ${label} to`}
          value=""
          disabled={add.isPending}
          onChange={(e) =>
            add.mutate({ channelId: Number(e.target.value), rule: rule.name, job: rule.jobId })
          }
        >
          <option value="">+ channel…</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      ) : null}
      <ErrorNotice error={add.error} />
    </>
  );
}
