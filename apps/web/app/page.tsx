import { EMBEDDED_CLUSTER } from '@weir/contract';
import { CurrentAlertsPanel } from '@/components/alerts/CurrentAlertsPanel';
import { ClusterHeader } from '@/components/ClusterHeader';
import { ClustersStrip } from '@/components/clusters/ClustersStrip';
import { JobsTable } from '@/components/JobsTable';

/** The embedded cluster, as before there were several, with the way to the others. */
export default function HomePage() {
  return (
    <>
      <ClusterHeader cluster={EMBEDDED_CLUSTER} />
      <ClustersStrip />
      <CurrentAlertsPanel compact />
      <JobsTable />
    </>
  );
}
