'use client';

import { useParams } from 'next/navigation';
import { LogsPanel } from '@/components/logs/LogsPanel';

/** One instance's engine log, from the instances table. */
export default function InstanceLogsPage() {
  const { instanceId } = useParams<{ instanceId: string }>();
  return <LogsPanel instanceId={decodeURIComponent(instanceId)} />;
}
