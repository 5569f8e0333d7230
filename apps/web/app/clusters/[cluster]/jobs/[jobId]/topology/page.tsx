'use client';

import { TopologyTab } from '@/components/job/TopologyTab';
import { WithJobDetail } from '@/components/job/WithJobDetail';

export default function TopologyPage() {
  return <WithJobDetail what="the topology">{(job) => <TopologyTab job={job} />}</WithJobDetail>;
}
