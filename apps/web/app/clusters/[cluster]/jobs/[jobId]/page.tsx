import { redirect } from 'next/navigation';
import { parseJobTab } from '@/lib/job-tabs';
import { jobPath } from '@/lib/paths';

interface Props {
  params: Promise<{ cluster: string; jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The job itself opens its first tab, or the one an old `?tab=` link names. */
export default async function JobPage({ params, searchParams }: Props) {
  const { cluster, jobId } = await params;
  const { tab } = await searchParams;
  redirect(jobPath(cluster, jobId, parseJobTab(tab)));
}
