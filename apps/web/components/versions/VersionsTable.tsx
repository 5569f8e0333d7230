import { formatDateTime, formatTimestamp } from '@/lib/format';
import type { JobVersion } from '@/lib/trpc/types';
import { currentVersion } from '@/lib/version-at';
import { type Column, DataTable } from '../DataTable';
import { RollbackToVersion } from './RollbackToVersion';

/** How the version came to run, in words. */
function origin(v: JobVersion): string {
  if (v.origin === 'rollback') return `rollback to version ${v.rollbackOf}`;
  return v.origin === 'submit' ? 'submitted' : 'upgrade';
}

interface Props {
  jobId: string;
  versions: JobVersion[];
  /** The version numbers ticked for comparison. */
  compared: number[];
  onToggle: (version: number) => void;
}

export function VersionsTable({ jobId, versions, compared, onToggle }: Props) {
  const current = currentVersion(versions)?.version;
  const columns: Column<JobVersion>[] = [
    {
      header: 'Compare',
      cell: (v) => (
        <input
          type="checkbox"
          aria-label={`Compare version ${v.version}`}
          checked={compared.includes(v.version)}
          onChange={() => onToggle(v.version)}
        />
      ),
    },
    { header: 'Version', numeric: true, cell: (v) => v.version },
    {
      header: 'State',
      cell: (v) =>
        v.version === current ? (
          <span className="badge badge-ok">current</span>
        ) : v.rolledBack ? (
          <>
            <span className="badge badge-bad" title={formatDateTime(v.rolledBack.at)}>
              rolled back
            </span>
            <p className="small text-bad" data-testid="rollback-reason">
              {v.rolledBack.reason}
            </p>
          </>
        ) : (
          '—'
        ),
    },
    { header: 'Origin', cell: origin },
    { header: 'Author', cell: (v) => v.author },
    {
      header: 'Created',
      cell: (v) => (
        <time dateTime={v.createdAt} title={formatDateTime(v.createdAt)}>
          {formatTimestamp(v.createdAt)}
        </time>
      ),
    },
    {
      header: 'Started from',
      cell: (v) =>
        v.startedFrom ? <code className="path-text">{v.startedFrom}</code> : 'no state',
    },
    { header: 'Comment', cell: (v) => v.comment ?? '—' },
    {
      header: 'Actions',
      cell: (v) => (v.version === current ? null : <RollbackToVersion jobId={jobId} version={v} />),
    },
  ];
  return (
    <DataTable
      label="Versions"
      columns={columns}
      rows={versions}
      rowKey={(v) => v.version}
      rowProps={(v) => ({
        'data-testid': `version-row-${v.version}`,
        ...(v.version === current ? { 'data-current': 'true' } : {}),
      })}
    />
  );
}
