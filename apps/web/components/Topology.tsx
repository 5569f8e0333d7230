'use client';

import { type Edge, MarkerType, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import './Topology.css';
import { layoutTopology, topologyShapeKey } from '@/lib/topology-layout';
import type { JobEdge, Vertex } from '@/lib/trpc/types';
import { VertexNode, type VertexNodeType } from './VertexNode';

// Outside the component: React Flow warns (and re-mounts nodes) if this object changes.
const NODE_TYPES = { vertex: VertexNode };

interface Props {
  vertices: Vertex[];
  edges: JobEdge[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function Topology({ vertices, edges, selectedId, onSelect }: Props) {
  const shape = topologyShapeKey(
    vertices.map((v) => v.id),
    edges,
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-layout only when the graph's shape changes, not on every metrics poll
  const positions = useMemo(
    () =>
      layoutTopology(
        vertices.map((v) => v.id),
        edges,
      ),
    [shape],
  );

  const nodes = useMemo<VertexNodeType[]>(
    () =>
      vertices.map((vertex) => ({
        id: vertex.id,
        type: 'vertex',
        position: positions.get(vertex.id) ?? { x: 0, y: 0 },
        data: { vertex, selected: vertex.id === selectedId },
        draggable: false,
        connectable: false,
      })),
    [vertices, positions, selectedId],
  );

  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => ({
        id: `${e.source}->${e.target}`,
        source: e.source,
        target: e.target,
        label: e.partitioning,
        ariaLabel: `${e.source} to ${e.target}, ${e.partitioning} partitioning`,
        className: `edge-${e.partitioning}`,
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
        labelBgPadding: [6, 3] as [number, number],
        labelBgBorderRadius: 4,
      })),
    [edges],
  );

  return (
    <figure className="topology" aria-label="Job topology" data-testid="topology">
      <ReactFlow
        nodes={nodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        onNodeClick={(_, node) => onSelect(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.2}
      />
    </figure>
  );
}
