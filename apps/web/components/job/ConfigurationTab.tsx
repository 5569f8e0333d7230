import type { JobDetail } from '@/lib/trpc/types';

/**
 * What the API tells about the job's shape. `jobs.get` does not return the submitted spec
 * (sources, sinks, checkpoint settings, max parallelism), so only the graph can be shown.
 */
export function ConfigurationTab({ job }: { job: JobDetail }) {
  return (
    <section className="panel" aria-labelledby="configuration-heading">
      <h2 id="configuration-heading">Configuration</h2>
      <p className="muted small">
        The engine does not serve the submitted job spec yet; this is the running graph.
      </p>
      <div className="table-scroll">
        <table aria-label="Vertices" className="compact">
          <thead>
            <tr>
              <th scope="col">Vertex</th>
              <th scope="col">Role</th>
              <th scope="col">Chained operators</th>
              <th scope="col" className="num">
                Parallelism
              </th>
            </tr>
          </thead>
          <tbody>
            {job.vertices.map((v) => (
              <tr key={v.id}>
                <td className="mono">{v.id}</td>
                <td>{v.role}</td>
                <td>{v.operators.join(' → ')}</td>
                <td className="num">{v.parallelism}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Connections</h3>
      <ul aria-label="Connections">
        {job.edges.map((e) => (
          <li key={`${e.source}->${e.target}`}>
            <span className="mono">{e.source}</span> → <span className="mono">{e.target}</span>{' '}
            <span className="muted">({e.partitioning})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
