'use client';

import { VersionsTab } from '@/components/versions/VersionsTab';
import { useJobId } from '@/lib/use-job-id';

export default function VersionsPage() {
  return <VersionsTab jobId={useJobId()} />;
}
