import type { UpgradeCheck } from '@/lib/trpc/types';
import { RestoreCheckSummary } from '../job/RestoreCheckSummary';

type Operator = { uid: string; kind: string };

const named = (ops: Operator[]) => ops.map((op) => `${op.uid} (${op.kind})`).join(', ');

/** What the new spec changes against the running one, operator by operator, in sentences. */
function SpecChanges({ diff }: { diff: UpgradeCheck['diff'] }) {
  const { added, removed, changed, settings } = diff;
  if (added.length + removed.length + changed.length + settings.length === 0) {
    return <p data-testid="spec-changes">The spec is the one running now: nothing changes.</p>;
  }
  return (
    <ul className="restore-facts" data-testid="spec-changes">
      {changed.map((op) => (
        <li key={op.uid}>
          Changed: {op.uid} ({op.kind}): {op.fields.join(', ')}.
        </li>
      ))}
      {added.length > 0 ? <li>New operators, starting empty: {named(added)}.</li> : null}
      {removed.length > 0 ? (
        <li className="text-warn">Removed operators: {named(removed)}.</li>
      ) : null}
      {settings.length > 0 ? <li>Job settings changed: {settings.join(', ')}.</li> : null}
    </ul>
  );
}

/**
 * The dry run of an upgrade in words: what the spec changes, then what happens to the state,
 * against what it was compared, and whether the upgrade can go ahead.
 */
export function UpgradeCheckSummary({
  check,
  stateless,
}: {
  check: UpgradeCheck;
  /** The upgrade starts without state: there was nothing to compare. */
  stateless: boolean;
}) {
  return (
    <section aria-labelledby="upgrade-check-heading" data-testid="upgrade-check" data-ok={check.ok}>
      <h3 id="upgrade-check-heading">What the upgrade would do</h3>
      <h4>The spec</h4>
      <SpecChanges diff={check.diff} />
      <h4>The state</h4>
      {check.state ? (
        <>
          <p className="muted small">Compared with {check.comparedWith}.</p>
          {check.needsAllowNonRestoredState ? (
            <p className="text-warn">
              Some state would be dropped: the upgrade goes ahead only with non-restored state
              allowed.
            </p>
          ) : null}
          <RestoreCheckSummary check={check.state} action="upgrade" />
        </>
      ) : (
        <>
          <p>
            {stateless
              ? 'The new version starts with empty state: there is no state to compare.'
              : 'The job has no completed checkpoint to compare with yet: the upgrade checks the state it takes before it starts the new version, and stops there if it does not fit.'}
          </p>
          <p
            className={check.ok ? 'notice notice-ok' : 'notice notice-bad'}
            role={check.ok ? undefined : 'alert'}
          >
            {check.ok
              ? 'The upgrade can go ahead.'
              : `The upgrade would be refused: ${check.problems.join('; ')}`}
          </p>
        </>
      )}
    </section>
  );
}
