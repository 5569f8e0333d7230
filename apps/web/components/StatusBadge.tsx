const TONE: Record<string, 'ok' | 'busy' | 'bad' | 'idle'> = {
  RUNNING: 'ok',
  FINISHED: 'ok',
  COMPLETED: 'ok',
  CREATED: 'busy',
  RESTARTING: 'busy',
  CANCELLING: 'busy',
  IN_PROGRESS: 'busy',
  FAILING: 'bad',
  FAILED: 'bad',
  CANCELED: 'idle',
  SUSPENDED: 'idle',
};

/** Job and snapshot states; colour is never the only cue, the state is always written out. */
export function StatusBadge({ status }: { status: string }) {
  const tone = TONE[status] ?? 'idle';
  return (
    <span className={`badge badge-${tone}`} data-status={status}>
      {status.replace('_', ' ').toLowerCase()}
    </span>
  );
}
