import { BACKPRESSURED_AT, BUSY_AT } from '@/lib/bottleneck';
import { formatCount, formatDateTime, formatRate } from '@/lib/format';
import type { Vertex } from '@/lib/trpc/types';
import { DeadLettersPanel } from '../DeadLettersPanel';
import { LagHistoryChart } from './LagHistoryChart';
import { LoadHistoryChart } from './LoadHistoryChart';
import { PartitionLagTable } from './PartitionLagTable';

interface Props {
  jobId: string;
  vertex: Vertex;
  onClose: () => void;
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** One vertex's subtasks side by side, so a skewed or stuck subtask stands out from its peers. */
export function VertexPanel({ jobId, vertex, onClose }: Props) {
  return (
    <section className="panel" aria-labelledby="vertex-panel-heading" data-testid="subtasks-panel">
      <div className="panel-head">
        <h2 id="vertex-panel-heading">
          {vertex.name} <span className="muted small">×{vertex.parallelism}</span>
        </h2>
        <button type="button" className="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted small">{vertex.operators.join(' → ')}</p>
      <div className="table-scroll">
        <table aria-label={`Subtasks of ${vertex.name}`} className="compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col" className="num">
                In/s
              </th>
              <th scope="col" className="num">
                Out/s
              </th>
              <th scope="col" className="num">
                Busy
              </th>
              <th scope="col" className="num">
                Backpressured
              </th>
              <th scope="col" className="num">
                Idle
              </th>
              <th scope="col">Watermark</th>
              <th scope="col" className="num">
                In queue
              </th>
              <th scope="col" className="num">
                Out queue
              </th>
              <th scope="col" className="num">
                Dead letters
              </th>
            </tr>
          </thead>
          <tbody>
            {vertex.subtasks.map((s) => (
              <tr key={s.subtaskIndex} data-testid={`subtask-row-${s.subtaskIndex}`}>
                <td className="num">{s.subtaskIndex}</td>
                <td className="num">{formatRate(s.recordsInPerSecond)}</td>
                <td className="num">{formatRate(s.recordsOutPerSecond)}</td>
                <td className={s.busyRatio >= BUSY_AT ? 'num text-warn' : 'num'}>
                  {percent(s.busyRatio)}
                </td>
                <td className={s.backpressuredRatio >= BACKPRESSURED_AT ? 'num text-bad' : 'num'}>
                  {percent(s.backpressuredRatio)}
                </td>
                <td className="num">{percent(s.idleRatio)}</td>
                <td className="nowrap">{formatDateTime(s.watermark)}</td>
                <td className="num">{percent(s.inputQueueFill)}</td>
                <td className="num">{percent(s.outputQueueFill)}</td>
                <td className={s.deadLetters > 0 ? 'num text-warn' : 'num'}>
                  {formatCount(s.deadLetters)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {vertex.partitionLag ? (
        <>
          <PartitionLagTable lag={vertex.partitionLag} />
          <LagHistoryChart jobId={jobId} vertexId={vertex.id} />
        </>
      ) : null}
      <LoadHistoryChart jobId={jobId} vertexId={vertex.id} />
      <DeadLettersPanel jobId={jobId} vertexId={vertex.id} />
    </section>
  );
}
