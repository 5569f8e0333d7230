import { useId } from 'react';
import type { Vertex } from '@/lib/trpc/types';

interface Props {
  vertices: Vertex[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

/** The graph is mouse-first; this list opens the same panel from the keyboard, at any graph size. */
export function VertexPicker({ vertices, selectedId, onSelect }: Props) {
  const id = useId();
  return (
    <div className="vertex-picker">
      <label htmlFor={id}>Click a vertex, or choose one</label>
      <select id={id} value={selectedId ?? ''} onChange={(e) => onSelect(e.target.value || null)}>
        <option value="">—</option>
        {vertices.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
    </div>
  );
}
