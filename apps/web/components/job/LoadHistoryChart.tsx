'use client';

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTime } from '@/lib/format';
import { useLoadHistory } from '@/lib/queries/jobs';
import type { LoadSample, VertexLoadHistory } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';

/** Distinct enough for the handful of subtasks a vertex usually has; repeats beyond. */
const SUBTASK_COLOURS = ['#1d5fb4', '#b42318', '#17602f', '#8a4b00', '#7a1fa2', '#0e7490'];

const asPercent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/**
 * Backpressured and busy share of each subtask over the last minutes (the engine keeps five),
 * so a lasting bottleneck can be told from a blip, and one skewed subtask from the rest.
 */
export function LoadHistoryChart({ jobId, vertexId }: { jobId: string; vertexId: string }) {
  const query = useLoadHistory(jobId, vertexId);
  return (
    <section aria-labelledby="load-history-heading" data-testid="load-history">
      <h3 id="load-history-heading">Backpressure and busy time, last minutes</h3>
      <QueryState
        query={query}
        what="the load history"
        isEmpty={(h) => h.subtasks.every((s) => s.samples.length < 2)}
        empty="Not enough samples yet: the engine records one a second per subtask."
      >
        {(history) => (
          <div className="chart-pair">
            <RatioChart history={history} pick="backpressuredRatio" title="Backpressured" />
            <RatioChart history={history} pick="busyRatio" title="Busy" />
          </div>
        )}
      </QueryState>
    </section>
  );
}

interface RatioChartProps {
  history: VertexLoadHistory;
  pick: keyof Omit<LoadSample, 'at'>;
  title: string;
}

/** One line per subtask; each keeps its own timestamps (workers report out of step). */
function RatioChart({ history, pick, title }: RatioChartProps) {
  return (
    <figure className="chart" aria-label={`${title} share per subtask over time`}>
      <figcaption className="small">{title}</figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(at: number) => formatTime(at)}
            minTickGap={40}
          />
          <YAxis domain={[0, 1]} tickFormatter={asPercent} width={48} />
          <Tooltip
            labelFormatter={(at) => formatTime(Number(at))}
            formatter={(value) => asPercent(Number(value))}
          />
          <Legend />
          {history.subtasks.map((subtask) => (
            <Line
              key={subtask.subtaskIndex}
              data={subtask.samples}
              dataKey={pick}
              name={`#${subtask.subtaskIndex}`}
              stroke={SUBTASK_COLOURS[subtask.subtaskIndex % SUBTASK_COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
