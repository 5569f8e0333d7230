import Link from 'next/link';
import { formatAge, formatDateTime } from '@/lib/format';
import type { ClusterOverview } from '@/lib/trpc/types';
import { type Column, DataTable } from '../DataTable';

type Instance = ClusterOverview['instances'][number];

const COORDINATION_TONE: Record<string, string> = {
  embedded: 'muted',
  connecting: 'text-warn',
  suspended: 'text-bad',
  expired: 'text-bad',
  closed: 'text-bad',
};

function columns(now: number): Column<Instance>[] {
  return [
    { header: 'Instance', cell: (i) => <span className="mono">{i.instanceId}</span> },
    {
      header: 'Role',
      cell: (i) => (
        <span
          className={`badge ${i.role === 'leader' ? 'badge-ok' : 'badge-idle'}`}
          data-testid={i.role === 'leader' ? 'instance-leader' : undefined}
        >
          {i.role}
        </span>
      ),
    },
    { header: 'API address', cell: (i) => <span className="mono small">{i.apiAddress}</span> },
    {
      header: 'ZooKeeper',
      cell: (i) => i.coordination,
      cellClass: (i) => COORDINATION_TONE[i.coordination] ?? '',
    },
    { header: 'Last heartbeat', cell: (i) => formatAge(i.lastHeartbeatAt, now) },
    { header: 'Up since', cell: (i) => formatDateTime(i.startedAt) },
    {
      header: 'Logs',
      cell: (i) => (
        <Link
          href={`/instances/${encodeURIComponent(i.instanceId)}/logs`}
          aria-label={`Logs of ${i.instanceId}`}
        >
          Logs
        </Link>
      ),
    },
  ];
}

/** Every live instance, the leader first, with its ZooKeeper session as it last reported it. */
export function InstancesTable({ cluster, now }: { cluster: ClusterOverview; now: number }) {
  const instances = [...cluster.instances].sort(
    (a, b) => Number(b.role === 'leader') - Number(a.role === 'leader'),
  );
  return (
    <DataTable
      label="Instances"
      columns={columns(now)}
      rows={instances}
      rowKey={(i) => i.instanceId}
      rowProps={(i) => ({ 'data-testid': `instance-row-${i.instanceId}` })}
    />
  );
}
