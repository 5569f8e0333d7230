import Link from 'next/link';
import { JOB_TABS, type JobTab } from '@/lib/job-tabs';

/**
 * Tabs are links, not buttons: the URL carries the tab, so back/forward (each tab is a history
 * entry), reload and a pasted link all land on the same view.
 */
export function JobTabBar({ jobId, current }: { jobId: string; current: JobTab }) {
  return (
    <nav className="tab-bar" aria-label="Job views">
      {JOB_TABS.map((t) => (
        <Link
          key={t.id}
          href={`/jobs/${jobId}?tab=${t.id}`}
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
