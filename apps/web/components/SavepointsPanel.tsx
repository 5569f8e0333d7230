'use client';

import { useJobVersions } from '@/lib/queries/jobs';
import { useSavepoints } from '@/lib/queries/snapshots';
import type { JobDetail, JobVersion, Snapshot } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { versionAt } from '@/lib/version-at';
import type { Column } from './DataTable';
import { CancelJob } from './job/CancelJob';
import { DisposeSavepoint } from './job/DisposeSavepoint';
import { KeepSavepoint } from './job/KeepSavepoint';
import { RestoreWizard } from './job/RestoreWizard';
import { StopWithSavepoint } from './job/StopWithSavepoint';
import { QueryState } from './QueryState';
import { SnapshotTable } from './SnapshotTable';
import { TriggerSavepoint } from './TriggerSavepoint';

const SHOWN = 50;
/** Statuses a job cannot be cancelled from: it has ended already. */
const ENDED = new Set(['FINISHED', 'CANCELED', 'FAILED']);

/** A savepoint's version: the one running when it was triggered. */
const versionColumn = (versions: JobVersion[]): Column<Snapshot> => ({
  header: 'Version',
  cell: (row) => versionAt(versions, row.triggeredAt)?.version ?? '—',
});

const KEPT_BY: Column<Snapshot> = { header: 'Kept by', cell: (row) => row.keptBy ?? '—' };

/** A completed savepoint's files are there: it can be kept, given back or disposed of. */
const onDisk = (row: Snapshot) => row.status === 'COMPLETED' && !row.disposedAt;

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
  // Only jobs of specs Weir runs have versions; a Flink job's column would be all dashes.
  const versioned = useAbility('versions')?.allowed ?? false;
  const versions = useJobVersions(jobId, versioned);
  const columns = versioned && versions.data ? [versionColumn(versions.data), KEPT_BY] : [KEPT_BY];
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
            columns={columns}
            actions={(row) =>
              onDisk(row) ? (
                <div className="actions">
                  <KeepSavepoint jobId={jobId} savepoint={row} />
                  {/* A kept savepoint must be given back before it can be disposed of. */}
                  {row.keptBy ? null : <DisposeSavepoint jobId={jobId} savepoint={row} />}
                </div>
              ) : null
            }
          />
        )}
      </QueryState>
    </section>
  );
}
