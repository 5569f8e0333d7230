'use client';

import { JOB_EXAMPLES } from '@weir/contract';
import Link from 'next/link';
import { clusterPath, jobPath } from '@/lib/paths';
import { useJobSpec } from '@/lib/queries/jobs';
import { useAbility } from '@/lib/use-ability';
import { QueryState } from '../QueryState';
import { JobSpecForm } from './JobSpecForm';

/** The editor, starting from job `jobId`'s spec, once it has loaded. */
function CloneForm({ cluster, jobId }: { cluster: string; jobId: string }) {
  const spec = useJobSpec(jobId);
  return (
    <QueryState query={spec} what={`the spec of job ${jobId}`}>
      {(loaded) =>
        loaded ? (
          <JobSpecForm start={loaded} />
        ) : (
          <p className="state state-empty">
            Job <Link href={jobPath(cluster, jobId)}>{jobId}</Link> runs no Weir job spec to start
            from.
          </p>
        )
      }
    </QueryState>
  );
}

/**
 * A new job on `cluster`, from job `from`'s spec or from an example. Only a cluster that runs
 * Weir specs (the embedded one) has the editor; elsewhere the page says so and where jars are
 * submitted instead.
 */
export function NewJobPanel({ cluster, from }: { cluster: string; from: string | null }) {
  const ability = useAbility('submitSpec');
  // Until the cluster list answers: nothing is shown rather than a guess.
  if (!ability) return null;
  if (!ability.allowed) {
    return (
      <p className="state state-empty" data-testid="unavailable">
        {ability.reason}{' '}
        <Link href={`${clusterPath(cluster)}#submit-jar`}>Submit a jar to {cluster}</Link>
      </p>
    );
  }
  if (from) return <CloneForm cluster={cluster} jobId={from} />;
  return <JobSpecForm start={JOB_EXAMPLES[0].spec()} />;
}
