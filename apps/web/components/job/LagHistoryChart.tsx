'use client';

import { formatCount, formatSecondsBehind } from '@/lib/format';
import type { HistoryFigure } from './SubtaskHistoryChart';
import { VertexHistoryCharts } from './VertexHistoryCharts';

const LAG_FIGURES: HistoryFigure[] = [
  {
    pick: 'lagRecords',
    title: 'Records behind',
    label: 'Records behind per subtask over time',
    format: formatCount,
  },
  {
    pick: 'lagSeconds',
    title: 'Seconds behind',
    label: 'Seconds behind per subtask over time',
    format: formatSecondsBehind,
  },
];

/**
 * A Kafka source's lag over the last minutes, per subtask (each reads its own partitions):
 * whether a backlog drains or grows, which the figures of the present cannot tell.
 */
export function LagHistoryChart({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  return (
    <VertexHistoryCharts
      jobId={jobId}
      vertexId={vertexId}
      id="lag-history"
      heading="Consumer lag, last minutes"
      what="the lag history"
      figures={LAG_FIGURES}
    />
  );
}
