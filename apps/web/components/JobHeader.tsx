import { formatCount, formatDateTime } from '@/lib/format';
import type { JobDetail } from '@/lib/trpc/types';
import { StatusBadge } from './StatusBadge';

export function JobHeader({ job }: { job: JobDetail }) {
  return (
    <header className="panel job-header">
      <div className="job-title">
        <h1>{job.name}</h1>
        <StatusBadge status={job.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>Job id</dt>
          <dd className="mono">{job.id}</dd>
        </div>
        <div>
          <dt>Parallelism</dt>
          <dd>{job.parallelism}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(job.startedAt)}</dd>
        </div>
        <div>
          <dt>Restored from</dt>
          <dd className="mono">{job.restoredFrom ?? '—'}</dd>
        </div>
        <div>
          <dt>Dead letters</dt>
          <dd className={job.deadLetters > 0 ? 'text-warn' : undefined}>
            {formatCount(job.deadLetters)}
          </dd>
        </div>
      </dl>
    </header>
  );
}
