import type { SnapshotKind } from '@weir/contract';
import type { Logger } from '../logging/logger.js';
import { type CheckpointHa, StorageCheckpointHa } from './checkpoint-ha.js';
import { type CommitOutcome, commitAsLeader, stillLeading } from './snapshot-commit.js';
import type { RecoveryChoice } from './storage/recovery.js';

/**
 * The high availability one job's checkpoints go through: the HA services' (ZooKeeper or
 * embedded) when the engine has them, else storage alone with ids going on from the newest
 * seen. Snapshots commit here as the leader, and sinks renew their lease here.
 */
export class JobCheckpointHa {
  private ha: CheckpointHa;

  constructor(
    private readonly given: CheckpointHa | undefined,
    private readonly jobCheckpointDir: string,
    private readonly logger: Logger,
    private readonly jobId: string,
  ) {
    this.ha = given ?? this.storageOnly(1);
  }

  private storageOnly(firstId: number): CheckpointHa {
    return new StorageCheckpointHa(this.jobCheckpointDir, firstId, () => {});
  }

  /** Without HA services, ids go on from `id`: never one a previous run or engine used. */
  continueFrom(id: number): void {
    if (!this.given) this.ha = this.storageOnly(id);
  }

  nextCheckpointId(): Promise<number> {
    return this.ha.nextCheckpointId();
  }

  /** The newest completed checkpoint that verifies, as the HA mode records them. */
  recover(): Promise<RecoveryChoice> {
    return this.ha.recover();
  }

  /** What retention must keep: see `CheckpointHa.recoverableIds`. */
  recoverableIds(): Promise<number[] | null> {
    return this.ha.recoverableIds();
  }

  commit(snapshot: {
    kind: SnapshotKind;
    checkpointId: number;
    dir: string;
    retained: number;
  }): Promise<CommitOutcome> {
    return commitAsLeader(this.context(), snapshot);
  }

  /** A fresh lease for sinks that found theirs over, or null if this instance no longer leads. */
  renewLease(checkpointId: number): Promise<number | null> {
    return stillLeading(this.context(), checkpointId);
  }

  private context() {
    return { ha: this.ha, logger: this.logger, jobId: this.jobId };
  }
}
