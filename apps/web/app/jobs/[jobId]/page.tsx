import type { Metadata } from 'next';
import { JobView } from '@/components/JobView';
import { parseJobTab } from '@/lib/job-tabs';

interface Props {
  params: Promise<{ jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { jobId } = await params;
  return { title: `Job ${jobId}` };
}

export default async function JobPage({ params, searchParams }: Props) {
  const { jobId } = await params;
  const { tab } = await searchParams;
  return <JobView jobId={jobId} tab={parseJobTab(tab)} />;
}
