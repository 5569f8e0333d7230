'use client';

import { totalLag } from '@weir/contract';
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { BACKPRESSURED_AT, BUSY_AT } from '@/lib/bottleneck';
import { formatCount, formatRate, formatSecondsBehind } from '@/lib/format';
import type { Vertex } from '@/lib/trpc/types';

export type VertexNodeType = Node<
  {
    vertex: Vertex;
    selected: boolean;
    /** Why this vertex is the likely bottleneck; absent for every other vertex. */
    bottleneckReason?: string;
  },
  'vertex'
>;

/**
 * One job vertex. Memoised: a metrics poll re-renders only the vertices whose numbers
 * changed (React Query keeps unchanged vertex objects identical between polls).
 */
function VertexNodeView({ data }: NodeProps<VertexNodeType>) {
  const { vertex, selected, bottleneckReason } = data;
  const {
    recordsInPerSecond: inRate,
    recordsOutPerSecond: outRate,
    busyRatio,
    backpressuredRatio,
  } = vertex.metrics;
  return (
    <div
      className={`vertex ${loadClass(busyRatio, backpressuredRatio)}${bottleneckReason ? ' vertex--bottleneck' : ''}${selected ? ' vertex--selected' : ''}`}
      data-testid={`vertex-${vertex.id}`}
      data-busy={busyRatio}
      data-records={vertex.metrics.recordsInTotal + vertex.metrics.recordsOutTotal}
      data-backpressured={backpressuredRatio}
      data-selected={selected}
      data-bottleneck={bottleneckReason !== undefined}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="vertex-head">
        <span className="vertex-name" title={vertex.name}>
          {vertex.name}
        </span>
        {bottleneckReason ? (
          <span
            className="vertex-bottleneck"
            title={`Likely bottleneck. ${bottleneckReason}`}
            data-testid="bottleneck-badge"
          >
            Bottleneck
          </span>
        ) : null}
        <span className="vertex-par" title="Parallelism">
          ×{vertex.parallelism}
        </span>
      </div>
      <div className="vertex-ops" title={vertex.operators.join(' → ')}>
        {vertex.operators.join(' → ')}
      </div>
      <div className="vertex-load" title="Worst subtask over the last second">
        busy {formatPercent(busyRatio)} · backpressured {formatPercent(backpressuredRatio)}
      </div>
      {vertex.partitionLag ? <ConsumerLag lag={vertex.partitionLag} /> : null}
      <dl className="vertex-rates">
        {vertex.role !== 'source' && (
          <div>
            <dt>in</dt>
            <dd data-testid="rate-in" data-value={inRate}>
              {formatRate(inRate)}
            </dd>
          </div>
        )}
        {vertex.role !== 'sink' && (
          <div>
            <dt>out</dt>
            <dd data-testid="rate-out" data-value={outRate}>
              {formatRate(outRate)}
            </dd>
          </div>
        )}
      </dl>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

/** A Kafka source's total lag: records left over all partitions, seconds of the worst one. */
function ConsumerLag({ lag }: { lag: NonNullable<Vertex['partitionLag']> }) {
  const { records, seconds } = totalLag(lag);
  return (
    <div
      className="vertex-lag"
      title="Kafka consumer lag: records behind the log end over all partitions, and the age of the partition furthest behind"
      data-testid="consumer-lag"
      data-records={records}
    >
      lag {formatCount(records)} records · {formatSecondsBehind(seconds)}
    </div>
  );
}

function loadClass(busy: number, backpressured: number): string {
  if (backpressured >= BACKPRESSURED_AT) return 'vertex--backpressured';
  if (busy >= BUSY_AT) return 'vertex--busy';
  return '';
}

const formatPercent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export const VertexNode = memo(VertexNodeView);
