'use client';

import { useState } from 'react';
import { useJob } from '@/lib/queries/jobs';
import type { UploadedJar } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { useRoleGate } from '@/lib/use-me';
import { JarUploadForm } from '../clusters/JarUploadForm';
import { JarUpgradeForm } from './JarUpgradeForm';

/**
 * Upgrade a Flink job to another program: upload the jar (a new build, or the same one to run
 * with other arguments or parallelism), say what of it to run, confirm. Disabled, saying why,
 * for viewers; the engine refuses them anyway.
 */
export function JarUpgradePanel({ jobId }: { jobId: string }) {
  const cluster = useClusterId();
  const job = useJob(jobId).data;
  const role = useRoleGate('operator');
  const [jar, setJar] = useState<UploadedJar | null>(null);
  return (
    <section className="panel" aria-labelledby="jar-upgrade-heading">
      <h2 id="jar-upgrade-heading">Upgrade program</h2>
      <p className="muted small" data-testid="jar-upgrade-explained">
        The job stops with a savepoint and the new program runs from it, with the job&apos;s state.
        Unless switched off, the new program must run and complete a checkpoint in time; if it does
        not, it is cancelled and the current program runs again from the same savepoint. Flink gives
        every run a new job id: the upgraded job (or the rolled back one) is a new job, linked from
        here once it runs.
      </p>
      {job && job.status !== 'RUNNING' ? (
        <p className="notice">Only a running job can be upgraded: this one is not running.</p>
      ) : null}
      {role.reason ? (
        <p className="muted small" data-testid="jar-upgrade-unavailable">
          {role.reason}
        </p>
      ) : null}
      <fieldset className="bare-fieldset" disabled={!role.allowed}>
        <JarUploadForm cluster={cluster} onUploaded={setJar} />
        {jar && job ? (
          <JarUpgradeForm key={jar.jarId} jobId={jobId} jar={jar} parallelism={job.parallelism} />
        ) : null}
      </fieldset>
    </section>
  );
}
