'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { describeError, isNotFound } from '@/lib/describe-error';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { CheckpointsPanel } from './CheckpointsPanel';
import { DeadLettersPanel } from './DeadLettersPanel';
import { JobHeader } from './JobHeader';
import { QueryState } from './QueryState';
import { RecentResultsPanel } from './RecentResultsPanel';
import { SavepointsPanel } from './SavepointsPanel';
import { Topology } from './Topology';

export function JobView({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const job = useQuery(trpc.jobs.get.queryOptions({ jobId }, { refetchInterval: LIVE_REFETCH_MS }));

  // An unknown job is an answer, not a failure: say so instead of an error banner.
  if (!job.data && isNotFound(job.error)) {
    return (
      <section className="panel">
        <h1>Job not found</h1>
        <p>{describeError(job.error)}</p>
        <p>
          <Link href="/">Back to all jobs</Link>
        </p>
      </section>
    );
  }

  return (
    <>
      <QueryState query={job} what="the job">
        {(detail) => (
          <>
            <JobHeader job={detail} />
            <section className="panel" aria-labelledby="topology-heading">
              <h2 id="topology-heading">Topology</h2>
              {detail.vertices.length === 0 ? (
                <p className="state state-empty">This job has no vertices to show.</p>
              ) : (
                <Topology vertices={detail.vertices} edges={detail.edges} />
              )}
            </section>
          </>
        )}
      </QueryState>
      <div className="columns">
        <div className="column-wide">
          <CheckpointsPanel jobId={jobId} />
          <SavepointsPanel jobId={jobId} jobStatus={job.data?.status} />
        </div>
        <div className="column-narrow">
          <RecentResultsPanel jobId={jobId} />
          <DeadLettersPanel jobId={jobId} />
        </div>
      </div>
    </>
  );
}
