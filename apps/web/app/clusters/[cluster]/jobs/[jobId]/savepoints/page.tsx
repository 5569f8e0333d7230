'use client';

import { SavepointPolicyPanel } from '@/components/job/SavepointPolicyPanel';
import { SavepointsPanel } from '@/components/SavepointsPanel';
import { useJob } from '@/lib/queries/jobs';
import { useJobId } from '@/lib/use-job-id';

export default function SavepointsPage() {
  const jobId = useJobId();
  const job = useJob(jobId);
  return (
    <>
      <SavepointsPanel jobId={jobId} job={job.data} />
      <SavepointPolicyPanel jobId={jobId} />
    </>
  );
}
