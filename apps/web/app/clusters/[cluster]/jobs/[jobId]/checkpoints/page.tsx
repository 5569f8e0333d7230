'use client';

import { CheckpointsTab } from '@/components/job/CheckpointsTab';
import { useJobId } from '@/lib/use-job-id';

export default function CheckpointsPage() {
  return <CheckpointsTab jobId={useJobId()} />;
}
