import type { ReactNode } from 'react';
import { ClusterHealthBanner } from '@/components/clusters/ClusterHealthBanner';

interface Props {
  params: Promise<{ cluster: string }>;
  children: ReactNode;
}

/** Every page of a cluster says first when that cluster stopped answering. */
export default async function ClusterLayout({ params, children }: Props) {
  const { cluster } = await params;
  return (
    <>
      <ClusterHealthBanner cluster={cluster} />
      {children}
    </>
  );
}
