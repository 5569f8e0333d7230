import { formatAge, formatDateTime } from '@/lib/format';
import type { ClusterOverview } from '@/lib/trpc/types';

const COORDINATION_TONE: Record<string, string> = {
  connected: '',
  embedded: 'muted',
  connecting: 'text-warn',
  suspended: 'text-bad',
  expired: 'text-bad',
  closed: 'text-bad',
};

/** Every live instance, the leader first, with its ZooKeeper session as it last reported it. */
export function InstancesTable({ cluster, now }: { cluster: ClusterOverview; now: number }) {
  const instances = [...cluster.instances].sort(
    (a, b) => Number(b.role === 'leader') - Number(a.role === 'leader'),
  );
  return (
    <div className="table-scroll">
      <table aria-label="Instances">
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Role</th>
            <th scope="col">API address</th>
            <th scope="col">ZooKeeper</th>
            <th scope="col">Last heartbeat</th>
            <th scope="col">Up since</th>
          </tr>
        </thead>
        <tbody>
          {instances.map((instance) => (
            <tr key={instance.instanceId} data-testid={`instance-row-${instance.instanceId}`}>
              <td className="mono">{instance.instanceId}</td>
              <td>
                <span
                  className={`badge ${instance.role === 'leader' ? 'badge-ok' : 'badge-idle'}`}
                  data-testid={instance.role === 'leader' ? 'instance-leader' : undefined}
                >
                  {instance.role}
                </span>
              </td>
              <td className="mono small">{instance.apiAddress}</td>
              <td className={COORDINATION_TONE[instance.coordination] ?? ''}>
                {instance.coordination}
              </td>
              <td>{formatAge(instance.lastHeartbeatAt, now)}</td>
              <td>{formatDateTime(instance.startedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
