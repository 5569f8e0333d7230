import type { Metadata } from 'next';
import { ClusterHeader } from '@/components/ClusterHeader';
import { SubmitJarPanel } from '@/components/clusters/SubmitJarPanel';
import { JobsTable } from '@/components/JobsTable';

interface Props {
  params: Promise<{ cluster: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cluster } = await params;
  return { title: `Cluster ${cluster}` };
}

export default async function ClusterPage({ params }: Props) {
  const { cluster } = await params;
  return (
    <>
      <ClusterHeader cluster={cluster} />
      <JobsTable />
      <SubmitJarPanel cluster={cluster} />
    </>
  );
}
