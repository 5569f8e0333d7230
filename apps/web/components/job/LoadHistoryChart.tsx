'use client';

import type { HistoryFigure } from './SubtaskHistoryChart';
import { VertexHistoryCharts } from './VertexHistoryCharts';

const asPercent = (ratio: number) => `${Math.round(ratio * 100)}%`;

const LOAD_FIGURES: HistoryFigure[] = [
  {
    pick: 'backpressuredRatio',
    title: 'Backpressured',
    label: 'Backpressured share per subtask over time',
    format: asPercent,
    domain: [0, 1],
  },
  {
    pick: 'busyRatio',
    title: 'Busy',
    label: 'Busy share per subtask over time',
    format: asPercent,
    domain: [0, 1],
  },
];

/**
 * Backpressured and busy share of each subtask over the last minutes (the engine keeps five),
 * so a lasting bottleneck can be told from a blip, and one skewed subtask from the rest.
 */
export function LoadHistoryChart({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  return (
    <VertexHistoryCharts
      jobId={jobId}
      vertexId={vertexId}
      id="load-history"
      heading="Backpressure and busy time, last minutes"
      what="the load history"
      figures={LOAD_FIGURES}
    />
  );
}
