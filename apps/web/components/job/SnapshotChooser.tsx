import { formatBytes, formatTimestamp } from '@/lib/format';
import type { Snapshot } from '@/lib/trpc/types';

interface Props {
  snapshots: Snapshot[];
  chosenPath: string | null;
  disabled: boolean;
  onChoose: (path: string) => void;
}

/** Radio list of the snapshots to restore from, newest first. */
export function SnapshotChooser({ snapshots, chosenPath, disabled, onChoose }: Props) {
  if (snapshots.length === 0) {
    return (
      <p className="state state-empty">
        This job has no completed checkpoint or savepoint to restore from.
      </p>
    );
  }
  return (
    <fieldset className="snapshot-chooser" disabled={disabled}>
      <legend>1. Snapshot</legend>
      {snapshots.map((s) => (
        <label key={`${s.kind}-${s.checkpointId}`} className="checkbox-field">
          <input
            type="radio"
            name="snapshot"
            value={s.path ?? ''}
            checked={s.path === chosenPath}
            onChange={() => s.path && onChoose(s.path)}
          />
          <span>
            {s.kind === 'SAVEPOINT' ? 'Savepoint' : 'Checkpoint'} {s.checkpointId} ·{' '}
            {formatTimestamp(s.triggeredAt)} · {formatBytes(s.sizeBytes)}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
