'use client';

import { type ReactNode, useMemo } from 'react';
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

type Stats = NonNullable<Snapshot['stats']>;

/** The slowest subtask's figure, as Flink's UI shows it: one straggler makes the checkpoint. */
const slowest = (
  stats: Stats | null | undefined,
  pick: (s: Stats['subtasks'][number]) => number,
) => (stats && stats.subtasks.length > 0 ? Math.max(...stats.subtasks.map(pick)) : null);

/**
 * Completed checkpoints over time: where the time went (a growing alignment means
 * backpressure delays barriers) next to how much was written, so a slow drift shows before a
 * timeout.
 */
export function CheckpointsChart({ rows }: { rows: Snapshot[] }) {
  const data = useMemo(
    () =>
      rows
        .filter((r) => r.status === 'COMPLETED')
        .sort((a, b) => a.checkpointId - b.checkpointId)
        .map((r) => ({
          at: formatTime(r.triggeredAt),
          durationMs: r.durationMs,
          alignmentMs: slowest(r.stats, (s) => s.alignmentMs),
          syncMs: slowest(r.stats, (s) => s.syncMs),
          sizeKiB: r.sizeBytes === null ? null : Math.round(r.sizeBytes / KIB),
          writtenKiB: r.stats ? Math.round(r.stats.writtenBytes / KIB) : null,
        })),
    [rows],
  );
  if (data.length < 2) return null;
  return (
    <div className="chart-pair">
      <Chart label="Checkpoint duration and alignment time over time" data={data} unit=" ms">
        <Line dataKey="durationMs" name="Duration (ms)" stroke="#1d5fb4" {...STILL} />
        <Line
          dataKey="alignmentMs"
          name="Alignment, slowest subtask (ms)"
          stroke="#b42318"
          {...STILL}
        />
        <Line dataKey="syncMs" name="Sync, slowest subtask (ms)" stroke="#7a1fa2" {...STILL} />
      </Chart>
      <Chart label="Checkpoint size over time" data={data} unit=" KiB">
        <Line dataKey="sizeKiB" name="Size (KiB)" stroke="#8a4b00" {...STILL} />
        <Line dataKey="writtenKiB" name="Written (KiB)" stroke="#17602f" {...STILL} />
      </Chart>
    </div>
  );
}

/** Polled data redraws in place: no dots, no animation on every refresh. */
const STILL = { dot: false, isAnimationActive: false } as const;

function Chart(props: { label: string; data: object[]; unit: string; children: ReactNode }) {
  return (
    <figure className="chart" aria-label={props.label}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={props.data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" minTickGap={40} />
          <YAxis unit={props.unit} width={80} />
          <Tooltip />
          <Legend />
          {props.children}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
