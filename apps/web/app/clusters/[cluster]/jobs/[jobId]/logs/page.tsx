'use client';

import { JobLogs } from '@/components/logs/JobLogs';
import { useJobId } from '@/lib/use-job-id';

export default function JobLogsPage() {
  return <JobLogs jobId={useJobId()} />;
}
