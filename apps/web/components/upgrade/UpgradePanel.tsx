'use client';

import { useJobSpec, useJobVersions } from '@/lib/queries/jobs';
import { useAbility } from '@/lib/use-ability';
import { currentVersion } from '@/lib/version-at';
import { NoSpec } from '../job/NoSpec';
import { QueryState } from '../QueryState';
import { UpgradeForm } from './UpgradeForm';

/** Which version runs, so the operator knows what the dry run compares against. */
function RunningVersion({ jobId }: { jobId: string }) {
  const running = currentVersion(useJobVersions(jobId).data ?? []);
  if (!running) return null;
  return (
    <>
      Version {running.version} runs now; the upgrade records the new spec as version{' '}
      {running.version + 1}.{' '}
    </>
  );
}

/**
 * Edit a running job's spec and upgrade the job to it, on clusters that run Weir specs. The
 * editor starts from the spec as the engine serves it: secrets come redacted and must be typed
 * in again, or the request is refused naming them.
 */
export function UpgradePanel({ jobId }: { jobId: string }) {
  const ability = useAbility('versions');
  const spec = useJobSpec(jobId);
  return (
    <section className="panel" aria-labelledby="upgrade-heading">
      <h2 id="upgrade-heading">Edit and upgrade</h2>
      {/* Until the cluster list answers, nothing is said rather than a guess. */}
      {!ability ? null : !ability.allowed ? (
        <p className="state state-empty" data-testid="unavailable">
          {ability.reason}
        </p>
      ) : (
        <>
          <p className="muted small">
            <RunningVersion jobId={jobId} />
            The job stops with its state, the new spec starts from it, and if it does not prove
            itself in time the current version runs again.
          </p>
          <QueryState query={spec} what="the job's spec">
            {(loaded) =>
              loaded ? (
                <UpgradeForm jobId={jobId} spec={loaded} />
              ) : (
                <NoSpec what="its operators and settings" />
              )
            }
          </QueryState>
        </>
      )}
    </section>
  );
}
