import type { Metadata } from 'next';
import { ClustersOverview } from '@/components/clusters/ClustersOverview';
import { RegisterClusterPanel } from '@/components/clusters/RegisterClusterPanel';

export const metadata: Metadata = { title: 'Clusters' };

export default function ClustersPage() {
  return (
    <>
      <ClustersOverview />
      <RegisterClusterPanel />
    </>
  );
}
