import type { SnapshotKind } from '@weir/contract';
import { findLatestValidCheckpoint, type RecoveryChoice } from './storage/recovery.js';

/**
 * What a job's checkpointing needs from high availability: ids that no two leaders share, a
 * fenced commit point, and the checkpoint to recover from. The embedded mode answers from
 * storage alone; the ZooKeeper mode keeps pointers in ZooKeeper (ha/zookeeper).
 */
export interface CheckpointHa {
  /** The next checkpoint id; never one any leader used before. */
  nextCheckpointId(): Promise<number>;
  /**
   * The commit point of a snapshot whose files and manifest are durable at `dir`. Throws when
   * this instance may no longer commit (not the leader, or cut off from ZooKeeper); then the
   * snapshot must be treated as failed and its sinks must not commit.
   */
  commit(kind: SnapshotKind, checkpointId: number, dir: string, retained: number): Promise<void>;
  /**
   * Throws unless this instance still leads, asked of the coordination service itself; else
   * returns until when (on `monotonicMs`) that answer holds: the lease `leaseHolds` checks.
   */
  confirmLeading(): Promise<number>;
  /** The newest completed checkpoint that verifies, with the newer ones it had to skip. */
  recover(): Promise<RecoveryChoice>;
  /**
   * The ids of the checkpoints recovery may choose from, when HA records them apart from
   * storage (ZooKeeper's pointers): retention keeps these and any newer. Null when storage is
   * the record: then retention keeps the newest complete ones on disk.
   */
  recoverableIds(): Promise<number[] | null>;
}

/**
 * A commit whose answer was lost and whose pointer was not found afterwards: the snapshot may
 * or may not be (or become: the request may still be on its way) a recovery point. Its files must stay (a pointer may name them) and its sinks must not commit
 * (it may not be one); retention settles it once the record can be read.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(checkpointId: number, cause: unknown) {
    super(`whether checkpoint ${checkpointId} committed is unknown: ${String(cause)}`, { cause });
  }
}

/** Single instance: the manifest's atomic rename is the commit; ids continue above any seen. */
export class StorageCheckpointHa implements CheckpointHa {
  constructor(
    private readonly jobCheckpointDir: string,
    private nextId: number,
    private readonly assertMayCommit: () => void,
  ) {}

  async nextCheckpointId(): Promise<number> {
    return this.nextId++;
  }

  async commit(): Promise<void> {
    this.assertMayCommit();
  }

  /** One instance with nobody to take over: its lease never ends. */
  async confirmLeading(): Promise<number> {
    this.assertMayCommit();
    return Number.POSITIVE_INFINITY;
  }

  recover(): Promise<RecoveryChoice> {
    return findLatestValidCheckpoint(this.jobCheckpointDir);
  }

  async recoverableIds(): Promise<null> {
    return null;
  }
}
