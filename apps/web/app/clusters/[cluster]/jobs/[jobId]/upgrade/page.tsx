'use client';

import { UpgradePanel } from '@/components/upgrade/UpgradePanel';
import { useJobId } from '@/lib/use-job-id';

export default function UpgradePage() {
  return <UpgradePanel jobId={useJobId()} />;
}
