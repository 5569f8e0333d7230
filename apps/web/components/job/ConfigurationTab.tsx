import { edgeRouting } from '@/lib/edge-routing';
import type { JobDetail } from '@/lib/trpc/types';
import { NoSpec } from './NoSpec';

/**
 * The running graph, then the spec it was built from (secrets redacted by the engine); a Flink
 * job, which runs a jar, shows what Flink reports of it instead.
 */
export function ConfigurationTab({ job }: { job: JobDetail }) {
  return (
    <section className="panel" aria-labelledby="configuration-heading">
      <h2 id="configuration-heading">Configuration</h2>
      <dl className="facts">
        <div>
          <dt>Parallelism</dt>
          <dd>{job.parallelism}</dd>
        </div>
        <div>
          <dt>Max parallelism</dt>
          <dd>{job.maxParallelism ?? 'not reported'}</dd>
        </div>
        {job.spec ? (
          <div>
            <dt>Restart strategy</dt>
            <dd>{job.spec.restartStrategy.type}</dd>
          </div>
        ) : null}
        {job.flink ? (
          <>
            <div>
              <dt>Job type</dt>
              <dd>{job.flink.jobType ?? 'not reported'}</dd>
            </div>
            <div>
              <dt>Scheduler</dt>
              <dd>{job.flink.scheduler ?? 'not reported'}</dd>
            </div>
          </>
        ) : null}
      </dl>
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
            <span className="muted">({edgeRouting(e)})</span>
          </li>
        ))}
      </ul>
      {job.spec ? (
        <details>
          <summary>Job spec (JSON)</summary>
          <pre className="code-block" data-testid="job-spec">
            {JSON.stringify(job.spec, null, 2)}
          </pre>
        </details>
      ) : (
        <NoSpec what="its restart strategy, connectors and the rest of its configuration" />
      )}
    </section>
  );
}
