import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { JobFrame } from '@/components/job/JobFrame';

interface Props {
  params: Promise<{ cluster: string; jobId: string }>;
  children: ReactNode;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cluster, jobId } = await params;
  return { title: `Job ${jobId} on ${cluster}` };
}

/** Shared by the job's tabs, so switching tabs keeps the header and its data on screen. */
export default async function JobLayout({ params, children }: Props) {
  const { jobId } = await params;
  return <JobFrame jobId={jobId}>{children}</JobFrame>;
}
