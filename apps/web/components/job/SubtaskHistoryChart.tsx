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
import type { LoadSample, VertexLoadHistory } from '@/lib/trpc/types';

/** Distinct enough for the handful of subtasks a vertex usually has; repeats beyond. */
const SUBTASK_COLOURS = ['#1d5fb4', '#b42318', '#17602f', '#8a4b00', '#7a1fa2', '#0e7490'];

/** One figure of the history to chart, and how to show it. */
export interface HistoryFigure {
  pick: keyof Omit<LoadSample, 'at'>;
  title: string;
  /** What the figure is, for screen readers: "Backpressured share per subtask over time". */
  label: string;
  format: (value: number) => string;
  /** Fixed for ratios (0..1); absent: fits the data. */
  domain?: [number, number];
}

interface Props extends HistoryFigure {
  history: VertexLoadHistory;
}

/** One of a vertex's recorded figures, one line per subtask; each keeps its own timestamps
 * (workers report out of step). */
export function SubtaskHistoryChart({ history, pick, title, label, format, domain }: Props) {
  return (
    <figure className="chart" aria-label={label}>
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
          <YAxis domain={domain ?? [0, 'auto']} tickFormatter={format} width={56} />
          <Tooltip
            labelFormatter={(at) => formatTime(Number(at))}
            formatter={(value) => format(Number(value))}
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
