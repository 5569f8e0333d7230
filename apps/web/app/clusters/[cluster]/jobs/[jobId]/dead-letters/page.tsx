'use client';

import { DeadLettersView } from '@/components/dead-letters/DeadLettersView';
import { useJobId } from '@/lib/use-job-id';

export default function DeadLettersPage() {
  return <DeadLettersView jobId={useJobId()} />;
}
