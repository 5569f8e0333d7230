'use client';

import { useMemo } from 'react';
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
import type { Snapshot } from '@/lib/trpc/types';

const KIB = 1024;

/** Duration and size of completed checkpoints over time: a slow drift shows before a timeout. */
export function CheckpointsChart({ rows }: { rows: Snapshot[] }) {
  const data = useMemo(
    () =>
      rows
        .filter((r) => r.status === 'COMPLETED')
        .sort((a, b) => a.checkpointId - b.checkpointId)
        .map((r) => ({
          at: formatTime(r.triggeredAt),
          durationMs: r.durationMs,
          sizeKiB: r.sizeBytes === null ? null : Math.round(r.sizeBytes / KIB),
          writtenKiB: r.stats ? Math.round(r.stats.writtenBytes / KIB) : null,
        })),
    [rows],
  );
  if (data.length < 2) return null;
  return (
    <figure className="chart" aria-label="Checkpoint duration and size over time">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" minTickGap={40} />
          <YAxis yAxisId="ms" unit=" ms" width={70} />
          <YAxis yAxisId="kib" orientation="right" unit=" KiB" width={80} />
          <Tooltip />
          <Legend />
          <Line
            yAxisId="ms"
            dataKey="durationMs"
            name="Duration (ms)"
            stroke="#1d5fb4"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="kib"
            dataKey="sizeKiB"
            name="Size (KiB)"
            stroke="#8a4b00"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="kib"
            dataKey="writtenKiB"
            name="Written (KiB)"
            stroke="#17602f"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
