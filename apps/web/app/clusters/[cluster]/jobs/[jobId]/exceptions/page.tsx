'use client';

import { ExceptionsPanel } from '@/components/job/ExceptionsPanel';
import { useJobId } from '@/lib/use-job-id';

export default function ExceptionsPage() {
  return <ExceptionsPanel jobId={useJobId()} />;
}
