'use client';

import { TimelinePanel } from '@/components/job/TimelinePanel';
import { useJobId } from '@/lib/use-job-id';

export default function TimelinePage() {
  return <TimelinePanel jobId={useJobId()} />;
}
