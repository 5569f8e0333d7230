import type { ClusterSummary } from '@/lib/trpc/types';

/** Whether the console reached the cluster when it last asked; the word is always written out. */
export function HealthBadge({ health }: { health: ClusterSummary['health'] }) {
  const up = health.state === 'up';
  return (
    <span className={`badge badge-${up ? 'ok' : 'bad'}`} data-health={health.state}>
      {up ? 'up' : 'unreachable'}
    </span>
  );
}
