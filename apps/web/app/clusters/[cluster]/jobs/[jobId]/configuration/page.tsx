'use client';

import { ConfigurationTab } from '@/components/job/ConfigurationTab';
import { WithJobDetail } from '@/components/job/WithJobDetail';

export default function ConfigurationPage() {
  return (
    <WithJobDetail what="the configuration">
      {(job) => <ConfigurationTab job={job} />}
    </WithJobDetail>
  );
}
