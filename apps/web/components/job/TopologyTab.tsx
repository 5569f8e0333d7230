'use client';

import { useMemo, useState } from 'react';
import { findBottleneck } from '@/lib/bottleneck';
import type { JobDetail } from '@/lib/trpc/types';
import { RecentResultsPanel } from '../RecentResultsPanel';
import { Topology } from '../Topology';
import { RescaleDialog } from './RescaleDialog';
import { VertexPanel } from './VertexPanel';
import { VertexPicker } from './VertexPicker';

export function TopologyTab({ job }: { job: JobDetail }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Looked up on every poll so the panel shows live numbers, and closes if the vertex vanishes.
  const selected = job.vertices.find((v) => v.id === selectedId) ?? null;
  const bottleneck = useMemo(() => findBottleneck(job.vertices, job.edges), [job]);
  const bottleneckName = job.vertices.find((v) => v.id === bottleneck?.vertexId)?.name;
  return (
    <div className="columns">
      <div className="column-wide">
        <section className="panel" aria-labelledby="topology-heading">
          <div className="panel-head">
            <h2 id="topology-heading">Topology</h2>
            <RescaleDialog job={job} />
          </div>
          {job.vertices.length === 0 ? (
            <p className="state state-empty">This job has no vertices to show.</p>
          ) : (
            <>
              {bottleneck ? (
                <p className="notice notice-warn" data-testid="bottleneck-note">
                  <strong>{bottleneckName}</strong> looks like the bottleneck. {bottleneck.reason}
                </p>
              ) : null}
              <Topology
                vertices={job.vertices}
                edges={job.edges}
                selectedId={selectedId}
                onSelect={setSelectedId}
                bottleneck={bottleneck}
              />
              <VertexPicker
                vertices={job.vertices}
                selectedId={selectedId}
                onSelect={setSelectedId}
              />
            </>
          )}
        </section>
        {selected ? (
          <VertexPanel jobId={job.id} vertex={selected} onClose={() => setSelectedId(null)} />
        ) : null}
      </div>
      <div className="column-narrow">
        <RecentResultsPanel jobId={job.id} />
      </div>
    </div>
  );
}
