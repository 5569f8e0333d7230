'use client';

import { EMBEDDED_CLUSTER } from '@weir/contract';
import { useClusterOverview } from '@/lib/queries/cluster';

/** The console always shows which of its engine instances leads, on every page. */
export function LeaderBadge() {
  const { data, isError } = useClusterOverview(EMBEDDED_CLUSTER);
  // A leader name from before the engine stopped answering would be a guess, not a fact.
  let text = 'Connecting…';
  let tone = 'idle';
  if (isError) {
    text = 'Engine unreachable';
    tone = 'bad';
  } else if (data) {
    text = data.leader ? `Leader: ${data.leader.instanceId}` : 'No leader';
    tone = data.leader ? 'ok' : 'bad';
  }
  return (
    <span className={`leader-badge leader-${tone}`} data-testid="leader-badge">
      {text}
    </span>
  );
}
