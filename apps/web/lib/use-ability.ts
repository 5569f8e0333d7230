'use client';

import { type Ability, type AbilityGate, abilityOf } from './cluster-abilities';
import { useClusterSummary } from './queries/clusters';
import { useClusterId } from './use-cluster-id';

/**
 * Whether the page's cluster can do `what`; undefined until the cluster list has answered, so
 * nothing is offered (or asked of the engine) on a guess. The engine refuses it anyway.
 */
export function useAbility(what: Ability): AbilityGate | undefined {
  const summary = useClusterSummary(useClusterId()).data;
  return summary ? abilityOf(summary, what) : undefined;
}
