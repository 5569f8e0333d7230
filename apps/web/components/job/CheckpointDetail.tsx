'use client';

import { formatDuration } from '@/lib/format';
import { useCheckpoint } from '@/lib/queries/snapshots';
import { QueryState } from '../QueryState';

interface Props {
  jobId: string;
  checkpointId: number;
  onClose: () => void;
}

/** Where one checkpoint's time went, per subtask; the straggler is the one to look at. */
export function CheckpointDetail({ jobId, checkpointId, onClose }: Props) {
  const query = useCheckpoint(jobId, checkpointId);
  return (
    <section
      className="panel"
      aria-labelledby="checkpoint-detail-heading"
      data-testid="checkpoint-detail"
    >
      <div className="panel-head">
        <h2 id="checkpoint-detail-heading">Checkpoint {checkpointId}</h2>
        <button type="button" className="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <QueryState
        query={query}
        what={`checkpoint ${checkpointId}`}
        isEmpty={(c) => !c.stats || c.stats.subtasks.length === 0}
        empty="The engine recorded no per-subtask statistics for this checkpoint."
      >
        {(c) => {
          const stats = c.stats;
          if (!stats) return null;
          const straggler = stats.straggler;
          const isStraggler = (vertexId: string, index: number) =>
            straggler?.vertexId === vertexId && straggler.subtaskIndex === index;
          return (
            <>
              <p>
                {straggler
                  ? `Slowest to acknowledge: ${straggler.vertexId} #${straggler.subtaskIndex} after ${formatDuration(straggler.ackMs)}. `
                  : 'No straggler recorded. '}
                Writing state after the last acknowledgement took {formatDuration(stats.asyncMs)}.
              </p>
              <div className="table-scroll">
                <table
                  aria-label={`Subtask acknowledgements of checkpoint ${checkpointId}`}
                  className="compact"
                >
                  <thead>
                    <tr>
                      <th scope="col">Vertex</th>
                      <th scope="col" className="num">
                        Subtask
                      </th>
                      <th scope="col" className="num">
                        Ack after
                      </th>
                      <th scope="col" className="num">
                        Alignment
                      </th>
                      <th scope="col" className="num">
                        Sync
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.subtasks.map((s) => {
                      const slow = isStraggler(s.vertexId, s.subtaskIndex);
                      return (
                        <tr
                          key={`${s.vertexId}-${s.subtaskIndex}`}
                          className={slow ? 'row-highlight' : undefined}
                          data-straggler={slow ? 'true' : undefined}
                        >
                          <td>
                            {s.vertexId}
                            {slow ? <strong> (straggler)</strong> : null}
                          </td>
                          <td className="num">{s.subtaskIndex}</td>
                          <td className="num">{formatDuration(s.ackMs)}</td>
                          <td className="num">{formatDuration(s.alignmentMs)}</td>
                          <td className="num">{formatDuration(s.syncMs)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
