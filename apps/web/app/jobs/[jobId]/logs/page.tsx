'use client';

import { LogsPanel } from '@/components/logs/LogsPanel';
import { useJobId } from '@/lib/use-job-id';

export default function JobLogsPage() {
  return <LogsPanel jobId={useJobId()} />;
}
