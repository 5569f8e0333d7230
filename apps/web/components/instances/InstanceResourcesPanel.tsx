'use client';

import type { Instance } from '@weir/contract';
import Link from 'next/link';
import { formatBytes } from '@/lib/format';
import { RESOURCE_WINDOW_MINUTES, useInstanceResources } from '@/lib/queries/instances';
import { QueryState } from '../QueryState';
import { ResourceChart } from './ResourceChart';
import { formatMs, formatPercent } from './resource-format';
import { cpuSeries, delaySeries, gcSeries, memorySeries } from './resource-series';
import { type ProfileRequest, ThreadsTable } from './ThreadsTable';

/** What the panel charts, each a line per thread (and the process where it has one). */
const CHARTS = [
  { testId: 'chart-cpu', title: 'CPU (1 = one core)', series: cpuSeries, format: formatPercent },
  {
    testId: 'chart-memory',
    title: 'Memory: RSS and V8 heap in use',
    series: memorySeries,
    format: formatBytes,
  },
  { testId: 'chart-delay', title: 'Event-loop delay (p99)', series: delaySeries, format: formatMs },
  { testId: 'chart-gc', title: 'GC pauses per sample', series: gcSeries, format: formatMs },
];

interface Props {
  instance: Instance;
  onProfile: (request: ProfileRequest & { thread: string }) => void;
  profiling: boolean;
}

/** One instance: its threads' CPU, memory, event-loop delay and GC over the last hour. */
export function InstanceResourcesPanel({ instance, onProfile, profiling }: Props) {
  const query = useInstanceResources(instance.instanceId);
  const id = `instance-${instance.instanceId}`;
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid={id}>
      <div className="panel-head">
        <h2 id={`${id}-heading`}>
          <span className="mono">{instance.instanceId}</span>{' '}
          <span className={`badge ${instance.role === 'leader' ? 'badge-ok' : 'badge-idle'}`}>
            {instance.role}
          </span>
        </h2>
        <Link href={`/instances/${encodeURIComponent(instance.instanceId)}/logs`}>Logs</Link>
      </div>
      <QueryState
        query={query}
        what={`the resources of ${instance.instanceId}`}
        isEmpty={(r) => r.process.length === 0}
        empty="No samples yet: each instance samples its threads every few seconds."
      >
        {(resources) => (
          <>
            <p className="muted small">
              Last {RESOURCE_WINDOW_MINUTES} minutes, a sample every{' '}
              {resources.sampleIntervalMs / 1000} s; {resources.threads.length - 1} worker thread
              {resources.threads.length === 2 ? '' : 's'}.
            </p>
            <div className="resource-charts">
              {CHARTS.map(({ testId, title, series, format }) => (
                <ResourceChart
                  key={testId}
                  testId={testId}
                  title={title}
                  series={series(resources)}
                  format={format}
                />
              ))}
            </div>
            <ThreadsTable
              resources={resources}
              profiling={profiling}
              onProfile={(request) => {
                const thread = resources.threads.find((t) => t.threadId === request.threadId);
                onProfile({ ...request, thread: thread?.name ?? String(request.threadId) });
              }}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
