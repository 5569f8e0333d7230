import { rm } from 'node:fs/promises';
import type { SnapshotKind } from '@weir/contract';
import { abortable, StateLeft } from '../core/abortable.js';
import { leaseHolds } from '../core/leader-lease.js';
import type { Logger } from '../logging/logger.js';
import { type CheckpointHa, CommitOutcomeUnknownError } from './checkpoint-ha.js';

interface CommitContext {
  ha: CheckpointHa;
  logger: Logger;
  jobId: string;
  /** How long a commit may go unanswered before its outcome counts as unknown. */
  answerWithinMs?: number;
}

/**
 * A commit's answer may never come: the ZooKeeper client drops, without a callback, requests it
 * queued while disconnected when that session then expires. Unanswered, the snapshot's claim
 * would hold and stopping the run would wait forever; by now the leader's lease is long over.
 */
const COMMIT_ANSWER_MS = 30_000;

/**
 * The HA commit point of a snapshot whose files are durable at `dir`. Refused when this
 * instance no longer leads (or cannot reach ZooKeeper): then the snapshot never happened, so
 * its files go and no sink commits. Returns whether it was committed. When nobody can tell
 * (the answer was lost), no sink commits either, but the files stay: a pointer may name them,
 * and retention removes them once the pointers show none does.
 */
async function commitSnapshot(
  { ha, logger, jobId, answerWithinMs = COMMIT_ANSWER_MS }: CommitContext,
  snapshot: { kind: SnapshotKind; checkpointId: number; dir: string; retained: number },
): Promise<boolean> {
  const { kind, checkpointId, dir, retained } = snapshot;
  try {
    const unanswered = AbortSignal.timeout(answerWithinMs);
    await abortable(unanswered, ha.commit(kind, checkpointId, dir, retained));
    return true;
  } catch (error) {
    const unknown = error instanceof CommitOutcomeUnknownError || error instanceof StateLeft;
    logger.warn(
      { job: jobId, checkpoint: checkpointId, err: error },
      unknown
        ? 'snapshot not counted as committed: whether it was is unknown, so its files stay'
        : 'snapshot not committed: this instance may not commit',
    );
    if (!unknown) await rm(dir, { recursive: true, force: true });
    return false;
  }
}

/**
 * Whether this instance still leads, asked of the coordination service after a commit: a
 * leader frozen between its commit and here may have been replaced, and then must neither
 * record the snapshot nor let its sinks commit it (the new leader restores it). So must one
 * whose answer came back only after its lease ended (it was paused while waiting). Returns
 * the lease, or null.
 */
export async function stillLeading(
  { ha, logger, jobId }: CommitContext,
  checkpointId: number,
): Promise<number | null> {
  try {
    const leaseUntilMs = await ha.confirmLeading();
    if (!leaseHolds(leaseUntilMs))
      throw new Error('leadership was confirmed, but the answer came after the lease ended');
    return leaseUntilMs;
  } catch (error) {
    logger.warn(
      { job: jobId, checkpoint: checkpointId, err: error },
      'snapshot committed, but this instance no longer leads: its sinks do not commit it',
    );
    return null;
  }
}

export type CommitOutcome =
  | { outcome: 'refused' }
  | { outcome: 'deposed' }
  | { outcome: 'committed'; leaseUntilMs: number };

/**
 * Commits a durable snapshot as the leader: `refused` (it never happened, its files are gone),
 * `deposed` (committed, but this instance lost leadership right after: the snapshot stands,
 * the new leader restores it and its sinks commit it, these do not), or `committed`, with the
 * lease (`leader-lease.ts`) within which this instance's sinks may make its effects visible.
 * The caller tells its sinks at once, with no wait in between: the lease is running.
 */
export async function commitAsLeader(
  context: CommitContext,
  snapshot: { kind: SnapshotKind; checkpointId: number; dir: string; retained: number },
): Promise<CommitOutcome> {
  if (!(await commitSnapshot(context, snapshot))) return { outcome: 'refused' };
  const leaseUntilMs = await stillLeading(context, snapshot.checkpointId);
  return leaseUntilMs === null ? { outcome: 'deposed' } : { outcome: 'committed', leaseUntilMs };
}
