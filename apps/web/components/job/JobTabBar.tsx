'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';
import { JOB_TABS } from '@/lib/job-tabs';
import { jobPath } from '@/lib/paths';
import { useClusterId } from '@/lib/use-cluster-id';

/**
 * Tabs are links, not buttons: each tab is a route, so back/forward (each tab is a history
 * entry), reload and a pasted link all land on the same view.
 */
export function JobTabBar({ jobId }: { jobId: string }) {
  const cluster = useClusterId();
  // The segment below /clusters/[cluster]/jobs/[jobId]: the tab being shown.
  const current = useSelectedLayoutSegment();
  return (
    <nav className="tab-bar" aria-label="Job views">
      {JOB_TABS.map((t) => (
        <Link
          key={t.id}
          href={jobPath(cluster, jobId, t.id)}
          className={t.id === current ? 'tab tab-current' : 'tab'}
          aria-current={t.id === current ? 'page' : undefined}
          scroll={false}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
