'use client';

import { useState } from 'react';
import { useJobVersions } from '@/lib/queries/jobs';
import { useAbility } from '@/lib/use-ability';
import { useRoleGate } from '@/lib/use-me';
import { QueryState } from '../QueryState';
import { VersionDiff } from './VersionDiff';
import { VersionsTable } from './VersionsTable';

/**
 * Every spec the job ran, newest first: who ran it, when, why and from what state, which runs
 * now and which were rolled back. Ticking two compares their specs line by line; any earlier
 * version can be run again.
 */
export function VersionsTab({ jobId }: { jobId: string }) {
  const ability = useAbility('versions');
  const gate = useRoleGate('operator');
  const query = useJobVersions(jobId, ability?.allowed === true);
  // The versions ticked for comparison, in the order ticked: a third replaces the first.
  const [compared, setCompared] = useState<number[]>([]);
  const toggle = (version: number) =>
    setCompared((now) =>
      now.includes(version) ? now.filter((v) => v !== version) : [...now, version].slice(-2),
    );

  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      {/* Until the cluster list answers, nothing is said rather than a guess. */}
      {!ability ? null : !ability.allowed ? (
        <p className="state state-empty" data-testid="unavailable">
          {ability.reason}
        </p>
      ) : (
        <QueryState
          query={query}
          what="the job's versions"
          isEmpty={(versions) => versions.length === 0}
          empty="No versions recorded for this job."
        >
          {(versions) => {
            const [older, newer] = compared
              .map((n) => versions.find((v) => v.version === n))
              .filter((v) => v !== undefined)
              .sort((a, b) => a.version - b.version);
            return (
              <>
                <p className="muted small">
                  Tick two versions to compare their specs.
                  {gate.reason ? ` Rolling back: ${gate.reason.toLowerCase()}.` : null}
                </p>
                <VersionsTable
                  jobId={jobId}
                  versions={versions}
                  compared={compared}
                  onToggle={toggle}
                />
                {older && newer ? <VersionDiff older={older} newer={newer} /> : null}
              </>
            );
          }}
        </QueryState>
      )}
    </section>
  );
}
