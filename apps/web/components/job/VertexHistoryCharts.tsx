'use client';

import { useLoadHistory } from '@/lib/queries/jobs';
import type { VertexLoadHistory } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';
import { type HistoryFigure, SubtaskHistoryChart } from './SubtaskHistoryChart';

interface Props {
  jobId: string;
  vertexId: string;
  /** Names the section for tests and its heading's id. */
  id: string;
  heading: string;
  /** What is being loaded, in words, for the loading and error states. */
  what: string;
  figures: HistoryFigure[];
}

/** Until some subtask has two samples of a figure there is no line to draw. */
const hasLine = (history: VertexLoadHistory, pick: HistoryFigure['pick']) =>
  history.subtasks.some((s) => s.samples.filter((x) => x[pick] !== undefined).length >= 2);

/**
 * Figures of a vertex's recent history side by side, from the one history query the engine
 * answers per vertex (the charts of a panel share it, so each costs no request of its own).
 */
export function VertexHistoryCharts({ jobId, vertexId, id, heading, what, figures }: Props) {
  const query = useLoadHistory(jobId, vertexId);
  return (
    <section aria-labelledby={`${id}-heading`} data-testid={id}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <QueryState
        query={query}
        what={what}
        isEmpty={(h) => !figures.some((f) => hasLine(h, f.pick))}
        empty="Not enough samples yet: the engine records one a second per subtask."
      >
        {(history) => (
          <div className="chart-pair">
            {figures.map((figure) => (
              <SubtaskHistoryChart key={figure.pick} history={history} {...figure} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}
