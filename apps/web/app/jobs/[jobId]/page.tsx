import type { Metadata } from 'next';
import { JobView } from '@/components/JobView';

interface Props {
  params: Promise<{ jobId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { jobId } = await params;
  return { title: `Job ${jobId}` };
}

export default async function JobPage({ params }: Props) {
  const { jobId } = await params;
  return <JobView jobId={jobId} />;
}
