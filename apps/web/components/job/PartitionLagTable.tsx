import { formatCount, formatSecondsBehind } from '@/lib/format';
import type { Vertex } from '@/lib/trpc/types';

type PartitionLag = NonNullable<Vertex['partitionLag']>[number];

/**
 * Where a Kafka source stands on each partition it reads, and which subtask reads it: a
 * backlog on one partition, or on one subtask's share, shows here before it shows in totals.
 */
export function PartitionLagTable({ lag }: { lag: PartitionLag[] }) {
  const rows = [...lag].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return (
    <section aria-labelledby="partition-lag-heading" data-testid="partition-lag">
      <h3 id="partition-lag-heading">Consumer lag per partition</h3>
      <div className="table-scroll">
        <table aria-label="Consumer lag per partition" className="compact">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col" className="num">
                Partition
              </th>
              <th scope="col" className="num">
                Subtask
              </th>
              <th scope="col" className="num">
                Records behind
              </th>
              <th scope="col" className="num">
                Seconds behind
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr
                key={`${p.source}/${p.topic}/${p.partition}`}
                data-testid={`partition-lag-${p.topic}-${p.partition}`}
              >
                <td>{p.topic}</td>
                <td className="num">{p.partition}</td>
                <td className="num">{p.subtaskIndex}</td>
                <td className="num" data-value={p.records}>
                  {formatCount(p.records)}
                </td>
                <td className="num">{formatSecondsBehind(p.seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
