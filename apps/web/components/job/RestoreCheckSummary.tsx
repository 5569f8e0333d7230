import type { RestoreCheck } from '@/lib/trpc/types';

const list = (items: { uid: string; kind: string }[]) =>
  items.map((i) => `${i.uid} (${i.kind})`).join(', ');

/**
 * The dry run's result in sentences: what keeps its state, what loses it, what starts empty.
 * An upgrade's dry run says the same of the state the new version starts from.
 */
export function RestoreCheckSummary({
  check,
  action = 'restore',
}: {
  check: RestoreCheck;
  action?: 'restore' | 'upgrade';
}) {
  return (
    <div data-testid="restore-check" data-ok={check.ok}>
      {check.ok && check.dropped.length > 0 ? (
        // Allowed, not harmless: the loss stays in view up to the confirm button.
        <p className="notice notice-warn">
          The {action} can go ahead, but it drops the state of {list(check.dropped)}.
        </p>
      ) : check.ok ? (
        <p className="notice notice-ok">The {action} can go ahead.</p>
      ) : (
        <div className="notice notice-bad" role="alert">
          The {action} would be refused:
          <ul>
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ul className="restore-facts">
        <li>
          {check.restored.length === 0
            ? 'No operator gets its state back.'
            : `State restored for ${check.restored
                .map((r) =>
                  r.fromParallelism === r.toParallelism
                    ? `${r.uid} (parallelism ${r.toParallelism})`
                    : `${r.uid} (parallelism ${r.fromParallelism} → ${r.toParallelism})`,
                )
                .join(', ')}.`}
        </li>
        {check.dropped.length > 0 ? (
          <li className="text-warn">
            State dropped (its operator is no longer in the job): {list(check.dropped)}.
          </li>
        ) : null}
        {check.startEmpty.length > 0 ? (
          <li className="text-warn">Starting with empty state: {list(check.startEmpty)}.</li>
        ) : null}
        <li>
          Parallelism can go up to{' '}
          {Math.min(check.maxParallelism.snapshot, check.maxParallelism.job)} (max parallelism{' '}
          {check.maxParallelism.snapshot} in the snapshot, {check.maxParallelism.job} in the job).
        </li>
      </ul>
    </div>
  );
}
