'use client';

import { JarUpgradePanel } from '@/components/upgrade/JarUpgradePanel';
import { UpgradePanel } from '@/components/upgrade/UpgradePanel';
import { useAbility } from '@/lib/use-ability';
import { useJobId } from '@/lib/use-job-id';

/** A job of a cluster that runs jars is upgraded to another program; any other, to a new spec. */
export default function UpgradePage() {
  const jobId = useJobId();
  const jar = useAbility('upgradeJar');
  // Until the cluster list answers, nothing is said rather than a guess.
  if (!jar) return null;
  return jar.allowed ? <JarUpgradePanel jobId={jobId} /> : <UpgradePanel jobId={jobId} />;
}
