'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';

/** The console always shows which instance leads, on every page. */
export function LeaderBadge() {
  const trpc = useTRPC();
  const { data, isError } = useQuery(
    trpc.cluster.overview.queryOptions(undefined, { refetchInterval: LIVE_REFETCH_MS }),
  );
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
