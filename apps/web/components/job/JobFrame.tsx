'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { describeError, isNotFound } from '@/lib/describe-error';
import { clusterPath } from '@/lib/paths';
import { useJob } from '@/lib/queries/jobs';
import { useClusterId } from '@/lib/use-cluster-id';
import { JobHeader } from '../JobHeader';
import { QueryState } from '../QueryState';
import { JobTabBar } from './JobTabBar';
import { RecentOperation } from './RecentOperation';

/** What every tab of a job shows above it: the job's header, its running operation, the tabs. */
export function JobFrame({ jobId, children }: { jobId: string; children: ReactNode }) {
  const cluster = useClusterId();
  const job = useJob(jobId);

  // An unknown job is an answer, not a failure: say so instead of an error banner.
  if (!job.data && isNotFound(job.error)) {
    return (
      <section className="panel">
        <h1>Job not found</h1>
        <p>{describeError(job.error)}</p>
        <p>
          <Link href={clusterPath(cluster)}>Back to the jobs of {cluster}</Link>
        </p>
      </section>
    );
  }

  return (
    <>
      <QueryState query={job} what="the job">
        {(detail) => <JobHeader job={detail} />}
      </QueryState>
      <RecentOperation jobId={jobId} />
      <JobTabBar jobId={jobId} />
      {children}
    </>
  );
}
