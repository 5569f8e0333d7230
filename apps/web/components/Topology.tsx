'use client';

import { type Edge, MarkerType, ReactFlow } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import './Topology.css';
import type { Bottleneck } from '@/lib/bottleneck';
import { edgeRouting } from '@/lib/edge-routing';
import { layoutTopology, topologyShapeKey } from '@/lib/topology-layout';
import type { JobEdge, Vertex } from '@/lib/trpc/types';
import { VertexNode, type VertexNodeType } from './VertexNode';

// Outside the component: React Flow warns (and re-mounts nodes) if this object changes.
const NODE_TYPES = { vertex: VertexNode };
const ORIGIN = { x: 0, y: 0 };

interface Props {
  vertices: Vertex[];
  edges: JobEdge[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  bottleneck: Bottleneck | null;
}

export function Topology({ vertices, edges, selectedId, onSelect, bottleneck }: Props) {
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

  // A node object is reused while its vertex, selection and badge are unchanged: React Flow
  // then skips it, so a click or a poll re-renders the few vertices that changed, not all.
  const previous = useRef(new Map<string, VertexNodeType>());
  const nodes = useMemo<VertexNodeType[]>(() => {
    const next = new Map<string, VertexNodeType>();
    const list = vertices.map((vertex) => {
      const selected = vertex.id === selectedId;
      const bottleneckReason = vertex.id === bottleneck?.vertexId ? bottleneck.reason : undefined;
      const position = positions.get(vertex.id) ?? ORIGIN;
      const old = previous.current.get(vertex.id);
      const node: VertexNodeType =
        old &&
        old.data.vertex === vertex &&
        old.data.selected === selected &&
        old.data.bottleneckReason === bottleneckReason &&
        old.position === position
          ? old
          : {
              id: vertex.id,
              type: 'vertex',
              position,
              data: { vertex, selected, bottleneckReason },
              draggable: false,
              connectable: false,
            };
      next.set(vertex.id, node);
      return node;
    });
    previous.current = next;
    return list;
  }, [vertices, positions, selectedId, bottleneck]);

  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((e) => ({
        id: `${e.source}->${e.target}`,
        source: e.source,
        target: e.target,
        label: edgeRouting(e),
        ariaLabel: `${e.source} to ${e.target}, ${edgeRouting(e)} partitioning`,
        // Coloured by Weir's partitioning; a routing Weir has no name for keeps the default.
        className: `edge-${e.partitioning ?? 'other'}`,
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
