'use client';

import type { ReactNode } from 'react';
import { useJob } from '@/lib/queries/jobs';
import type { JobDetail } from '@/lib/trpc/types';
import { useJobId } from '@/lib/use-job-id';
import { QueryState } from '../QueryState';

/** A job tab's content once the page's job is loaded; loading and errors shown as everywhere. */
export function WithJobDetail({
  what,
  children,
}: {
  /** What the tab shows, in words ("the topology"). */
  what: string;
  children: (job: JobDetail) => ReactNode;
}) {
  const job = useJob(useJobId());
  return (
    <QueryState query={job} what={what}>
      {children}
    </QueryState>
  );
}
