import { redirect } from 'next/navigation';
import { parseJobTab } from '@/lib/job-tabs';

interface Props {
  params: Promise<{ jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The job itself opens its first tab, or the one an old `?tab=` link names. */
export default async function JobPage({ params, searchParams }: Props) {
  const { jobId } = await params;
  const { tab } = await searchParams;
  redirect(`/jobs/${encodeURIComponent(jobId)}/${parseJobTab(tab)}`);
}
