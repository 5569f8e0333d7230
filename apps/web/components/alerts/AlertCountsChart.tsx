'use client';

import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatTime } from '@/lib/format';
import { useAlertStats } from '@/lib/queries/alerts';
import { QueryState } from '../QueryState';

const HOURS = 24;
const COLOURS = ['#1d5fb4', '#9a2018', '#8a4b00', '#17602f', '#5b3e96', '#3f4a55'];

/** How often each rule fired per hour over the last day, stacked. */
export function AlertCountsChart() {
  const query = useAlertStats(HOURS);
  const data = useMemo(
    () =>
      query.data?.buckets.map((start, i) => ({
        hour: formatTime(start),
        ...Object.fromEntries(
          query.data.rules.map((r) => [`${r.jobId}/${r.name}`, r.counts[i] ?? 0]),
        ),
      })),
    [query.data],
  );
  return (
    <section className="panel" aria-labelledby="alert-counts-heading">
      <h2 id="alert-counts-heading">Firings per rule, last {HOURS} hours</h2>
      <QueryState
        query={query}
        what="alert counts"
        isEmpty={(s) => s.rules.length === 0}
        empty={`No alert fired in the last ${HOURS} hours.`}
      >
        {(stats) => (
          <div className="chart" data-testid="alert-counts-chart">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={data}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="hour" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend />
                {stats.rules.map((r, i) => (
                  <Bar
                    key={r.ruleId}
                    dataKey={`${r.jobId}/${r.name}`}
                    stackId="firings"
                    fill={COLOURS[i % COLOURS.length]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </QueryState>
    </section>
  );
}
