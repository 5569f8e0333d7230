import { CurrentAlertsPanel } from '@/components/alerts/CurrentAlertsPanel';
import { ClusterHeader } from '@/components/ClusterHeader';
import { JobsTable } from '@/components/JobsTable';

export default function HomePage() {
  return (
    <>
      <ClusterHeader />
      <CurrentAlertsPanel compact />
      <JobsTable />
    </>
  );
}
