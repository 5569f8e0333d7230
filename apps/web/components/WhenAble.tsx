'use client';

import type { ReactNode } from 'react';
import type { Ability } from '@/lib/cluster-abilities';
import { useAbility } from '@/lib/use-ability';

/**
 * Its children where the page's cluster can do `ability`; in their place, why it cannot. Their
 * queries are not even sent to a cluster that would refuse them.
 */
export function WhenAble({ ability, children }: { ability: Ability; children: ReactNode }) {
  const gate = useAbility(ability);
  // Until the cluster list answers: nothing is shown rather than a guess.
  if (!gate) return null;
  if (!gate.allowed) {
    return (
      <p className="state state-empty" data-testid="unavailable">
        {gate.reason}
      </p>
    );
  }
  return children;
}
