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
import type { Series } from './resource-series';

const COLOURS = ['#3f4a55', '#1d5fb4', '#9a2018', '#8a4b00', '#17602f', '#5b3e96', '#b0307a'];

interface Props {
  title: string;
  series: Series[];
  format: (value: number) => string;
  testId: string;
}

/** One resource over the last hour, a line per thread (each series keeps its own times). */
export function ResourceChart({ title, series, format, testId }: Props) {
  return (
    <figure className="chart resource-chart" data-testid={testId}>
      <figcaption className="small">{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(at: number) => formatTime(at)}
            fontSize={11}
            allowDuplicatedCategory={false}
          />
          <YAxis tickFormatter={format} fontSize={11} width={70} />
          <Tooltip
            labelFormatter={(at) => formatTime(Number(at))}
            formatter={(value) => format(Number(value))}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {series.map((s, i) => (
            <Line
              key={s.name}
              data={s.points}
              dataKey="value"
              name={s.name}
              stroke={COLOURS[i % COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
