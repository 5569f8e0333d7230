'use client';

import { useState } from 'react';
import type { UploadedJar } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { useRoleGate } from '@/lib/use-me';
import { JarProgramForm } from './JarProgramForm';
import { JarUploadForm } from './JarUploadForm';

/**
 * Runs a new job on a Flink cluster from a jar: upload it, choose what to run, preview the job
 * graph its program builds, run it. Shown on every cluster's page, disabled with the reason
 * where it cannot be used: the embedded cluster runs Weir specs, and viewers may not start
 * jobs. The engine refuses both anyway.
 */
export function SubmitJarPanel({ cluster }: { cluster: string }) {
  const ability = useAbility('submitJar');
  const role = useRoleGate('operator');
  const [jar, setJar] = useState<UploadedJar | null>(null);
  // Until the cluster list and the user have answered, nothing can be sent, and no reason is
  // given on a guess.
  const reason = ability && !ability.allowed ? ability.reason : role.reason;
  const usable = ability?.allowed === true && role.allowed;
  return (
    <section id="submit-jar" className="panel" aria-labelledby="submit-jar-heading">
      <h2 id="submit-jar-heading">Submit a job from a jar</h2>
      {reason ? (
        <p className="muted small" data-testid="submit-jar-unavailable">
          {reason}
        </p>
      ) : null}
      <fieldset className="bare-fieldset" disabled={!usable}>
        <JarUploadForm cluster={cluster} onUploaded={setJar} />
        {jar ? <JarProgramForm key={jar.jarId} cluster={cluster} jar={jar} /> : null}
      </fieldset>
    </section>
  );
}
