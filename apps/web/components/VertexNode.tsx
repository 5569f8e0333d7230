'use client';

import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { formatRate } from '@/lib/format';
import type { Vertex } from '@/lib/trpc/types';

export type VertexNodeType = Node<{ vertex: Vertex }, 'vertex'>;

/**
 * One job vertex. Memoised: a metrics poll re-renders only the vertices whose numbers
 * changed (React Query keeps unchanged vertex objects identical between polls).
 */
function VertexNodeView({ data }: NodeProps<VertexNodeType>) {
  const { vertex } = data;
  const { recordsInPerSecond: inRate, recordsOutPerSecond: outRate } = vertex.metrics;
  return (
    <div className="vertex" data-testid={`vertex-${vertex.id}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="vertex-head">
        <span className="vertex-name" title={vertex.name}>
          {vertex.name}
        </span>
        <span className="vertex-par" title="Parallelism">
          ×{vertex.parallelism}
        </span>
      </div>
      <div className="vertex-ops" title={vertex.operators.join(' → ')}>
        {vertex.operators.join(' → ')}
      </div>
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

export const VertexNode = memo(VertexNodeView);
