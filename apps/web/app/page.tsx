import { ClusterHeader } from '@/components/ClusterHeader';
import { JobsTable } from '@/components/JobsTable';

export default function HomePage() {
  return (
    <>
      <ClusterHeader />
      <JobsTable />
    </>
  );
}
