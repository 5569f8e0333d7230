import type { CheckpointFailureReason, SnapshotKind } from '@weir/contract';
import { conflict, unavailable, WeirError } from '../errors/weir-error.js';

/**
 * What whoever waits for a snapshot (an operator's savepoint, a stop, a rescale) hears when
 * it fails, as a domain error: the API answers with its code instead of an internal error.
 */
export function snapshotFailure(
  kind: SnapshotKind,
  checkpointId: number,
  reason: CheckpointFailureReason,
  detail?: string,
): WeirError {
  const message = `${kind.toLowerCase()} ${checkpointId} failed: ${detail ? `${reason}: ${detail}` : reason}`;
  switch (reason) {
    case 'NOT_LEADER':
      return leadershipLost(message);
    case 'JOB_STOPPED':
    case 'SUBTASK_FINISHED':
      return conflict(message);
    case 'STORAGE_ERROR':
      return unavailable(message);
    default:
      // Timed out, declined or too many at once: another try may well succeed.
      return new WeirError('UNAVAILABLE', message, { domain: 'internal', retriable: true });
  }
}

/** This instance stopped leading while the snapshot was under way; the new leader runs the job. */
export const leadershipLost = (message: string) =>
  new WeirError('NOT_LEADER', `${message}; the new leader runs the job now`, {
    domain: 'user',
    retriable: true,
  });
