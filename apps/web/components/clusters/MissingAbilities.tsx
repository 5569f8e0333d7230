import { type Ability, abilityOf } from '@/lib/cluster-abilities';
import type { ClusterSummary } from '@/lib/trpc/types';

const ABILITIES: { ability: Ability; label: string }[] = [
  { ability: 'submitSpec', label: 'Weir job specs' },
  { ability: 'rescaleInPlace', label: 'Rescaling in place' },
  { ability: 'restoreCheck', label: 'Restore dry run' },
  { ability: 'versions', label: 'Job versions and spec upgrades' },
  { ability: 'results', label: 'Window results and dead letters' },
  { ability: 'leaderView', label: 'Leader' },
];

/** What the console does not offer for this cluster, and why: said once, on its card. */
export function MissingAbilities({ cluster }: { cluster: ClusterSummary }) {
  const missing = ABILITIES.flatMap(({ ability, label }) => {
    const gate = abilityOf(cluster, ability);
    return gate.allowed ? [] : [{ label, reason: gate.reason }];
  });
  if (missing.length === 0) return null;
  return (
    <details className="small">
      <summary>Not available on this cluster ({missing.length})</summary>
      <ul aria-label={`Not available on ${cluster.id}`}>
        {missing.map((m) => (
          <li key={m.label}>
            <strong>{m.label}:</strong> {m.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
