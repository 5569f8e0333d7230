'use client';

import { useSavepoints } from '@/lib/queries/snapshots';
import type { JobDetail } from '@/lib/trpc/types';
import { CancelJob } from './job/CancelJob';
import { DisposeSavepoint } from './job/DisposeSavepoint';
import { RestoreWizard } from './job/RestoreWizard';
import { StopWithSavepoint } from './job/StopWithSavepoint';
import { QueryState } from './QueryState';
import { SnapshotTable } from './SnapshotTable';
import { TriggerSavepoint } from './TriggerSavepoint';

const SHOWN = 50;
/** Statuses a job cannot be cancelled from: it has ended already. */
const ENDED = new Set(['FINISHED', 'CANCELED', 'FAILED']);

interface Props {
  jobId: string;
  /** Undefined while the job itself is still loading. */
  job: JobDetail | undefined;
}

export function SavepointsPanel({ jobId, job }: Props) {
  const jobStatus = job?.status;
  const canTrigger = jobStatus === 'RUNNING';
  const canCancel = jobStatus !== undefined && !ENDED.has(jobStatus);
  const query = useSavepoints(jobId, SHOWN);
  return (
    <section className="panel" aria-labelledby="savepoints-heading">
      <div className="panel-head">
        <h2 id="savepoints-heading">Savepoints</h2>
        <div className="savepoint-actions">
          <TriggerSavepoint jobId={jobId} disabled={!canTrigger} />
          <StopWithSavepoint jobId={jobId} disabled={!canTrigger} />
          <CancelJob jobId={jobId} disabled={!canCancel} />
          {job ? <RestoreWizard job={job} /> : null}
        </div>
      </div>
      {jobStatus === undefined || canTrigger ? null : (
        <p className="muted small">Savepoints can be taken only while the job is running.</p>
      )}
      <QueryState
        query={query}
        what="savepoints"
        isEmpty={(rows) => rows.length === 0}
        empty="No savepoints yet. Take one before upgrading or rescaling the job."
      >
        {(rows) => (
          <SnapshotTable
            label="Savepoints"
            rows={rows}
            actions={(row) =>
              row.status === 'COMPLETED' && !row.disposedAt ? (
                <DisposeSavepoint jobId={jobId} savepoint={row} />
              ) : null
            }
          />
        )}
      </QueryState>
    </section>
  );
}
