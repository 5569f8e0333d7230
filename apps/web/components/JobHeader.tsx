'use client';

import Link from 'next/link';
import { formatCount, formatDateTime } from '@/lib/format';
import { clusterPath, jobUpgradePath, newJobPath } from '@/lib/paths';
import type { JobDetail } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { useClusterId } from '@/lib/use-cluster-id';
import { useRoleGate } from '@/lib/use-me';
import { NavButton } from './NavButton';
import { StatusBadge } from './StatusBadge';

export function JobHeader({ job }: { job: JobDetail }) {
  const cluster = useClusterId();
  // Flink jobs have no dead-letter channel: a count of 0 would read as "all is well".
  const deadLetters = useAbility('results')?.allowed ?? false;
  // An embedded job is upgraded to an edited spec, a Flink job to another jar's program.
  const specUpgrade = (useAbility('versions')?.allowed ?? false) && job.spec !== undefined;
  const jarUpgrade = useAbility('upgradeJar')?.allowed ?? false;
  // Every action here needs the operator role: the reason is said once, under them.
  const gate = useRoleGate('operator');
  return (
    <header className="panel job-header">
      <div className="panel-head">
        <div className="job-title">
          <h1>{job.name}</h1>
          <StatusBadge status={job.status} />
          {job.nativeStatus ? (
            <span className="muted small" title="The state as the cluster itself names it">
              ({job.nativeStatus})
            </span>
          ) : null}
        </div>
        {specUpgrade || jarUpgrade ? (
          <div className="trigger">
            <div className="actions">
              {jarUpgrade ? (
                <NavButton
                  requires="operator"
                  showReason={false}
                  href={jobUpgradePath(cluster, job.id)}
                >
                  Upgrade program…
                </NavButton>
              ) : null}
              {specUpgrade ? (
                <>
                  <NavButton
                    requires="operator"
                    showReason={false}
                    href={jobUpgradePath(cluster, job.id)}
                  >
                    Edit and upgrade…
                  </NavButton>
                  <NavButton
                    requires="operator"
                    showReason={false}
                    href={newJobPath(cluster, job.id)}
                  >
                    Clone as new job
                  </NavButton>
                </>
              ) : null}
            </div>
            {gate.reason ? <span className="gate-reason muted small">{gate.reason}</span> : null}
          </div>
        ) : null}
      </div>
      <dl className="facts">
        <div>
          <dt>Cluster</dt>
          <dd>
            <Link href={clusterPath(cluster)}>{cluster}</Link>
          </dd>
        </div>
        <div>
          <dt>Job id</dt>
          <dd className="mono">{job.id}</dd>
        </div>
        <div>
          <dt>Parallelism</dt>
          <dd>{job.parallelism}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(job.startedAt)}</dd>
        </div>
        <div>
          <dt>Restored from</dt>
          <dd className="mono">{job.restoredFrom ?? '—'}</dd>
        </div>
        {deadLetters ? (
          <div>
            <dt>Dead letters</dt>
            <dd className={job.deadLetters > 0 ? 'text-warn' : undefined}>
              {formatCount(job.deadLetters)}
            </dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}
