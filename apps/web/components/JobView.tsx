'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { describeError, isNotFound } from '@/lib/describe-error';
import type { JobTab } from '@/lib/job-tabs';
import { useTRPC } from '@/lib/trpc/context';
import { LIVE_REFETCH_MS } from '@/lib/trpc/query-client';
import { JobHeader } from './JobHeader';
import { CheckpointsTab } from './job/CheckpointsTab';
import { ConfigurationTab } from './job/ConfigurationTab';
import { ExceptionsPanel } from './job/ExceptionsPanel';
import { JobTabBar } from './job/JobTabBar';
import { RecentOperation } from './job/RecentOperation';
import { TopologyTab } from './job/TopologyTab';
import { QueryState } from './QueryState';
import { SavepointsPanel } from './SavepointsPanel';

export function JobView({ jobId, tab }: { jobId: string; tab: JobTab }) {
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
        {(detail) => <JobHeader job={detail} />}
      </QueryState>
      <RecentOperation jobId={jobId} />
      <JobTabBar jobId={jobId} current={tab} />
      {tab === 'topology' ? (
        <QueryState query={job} what="the topology">
          {(detail) => <TopologyTab job={detail} />}
        </QueryState>
      ) : null}
      {tab === 'checkpoints' ? <CheckpointsTab jobId={jobId} /> : null}
      {tab === 'savepoints' ? <SavepointsPanel jobId={jobId} job={job.data} /> : null}
      {tab === 'exceptions' ? <ExceptionsPanel jobId={jobId} /> : null}
      {tab === 'configuration' ? (
        <QueryState query={job} what="the configuration">
          {(detail) => <ConfigurationTab job={detail} />}
        </QueryState>
      ) : null}
    </>
  );
}
