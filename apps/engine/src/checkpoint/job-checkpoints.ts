import type { CheckpointFailureReason, JobSpec, SnapshotKind } from '@weir/contract';
import type { JobGraphPlan } from '../core/job-graph.js';
import type { Logger } from '../logging/logger.js';
import type { CheckpointHa } from './checkpoint-ha.js';
import { DeadLetterOutbox, type DeadLetterPublisher } from './dead-letter-outbox.js';
import { HistoryWrites } from './history-writes.js';
import { JobCheckpointHa } from './job-checkpoint-ha.js';
import type { SnapshotHistory } from './snapshot-history.js';
import type { SnapshotPaths } from './storage/paths.js';
import type { RecoveryChoice } from './storage/recovery.js';

export interface CompletedSnapshot {
  checkpointId: number;
  kind: SnapshotKind;
  path: string;
  triggeredAt: Date;
  durationMs: number;
  sizeBytes: number;
}

export interface JobCheckpointsDeps {
  spec: JobSpec;
  plan: JobGraphPlan;
  paths: SnapshotPaths;
  history: SnapshotHistory;
  logger: Logger;
  now: () => number;
  /**
   * Checkpoint ids, the fenced commit point and the recovery choice (embedded or ZooKeeper).
   * Without it the job checkpoints as a lone instance would: storage only.
   */
  ha?: CheckpointHa;
  /** Where dead letters go once the snapshot covering them commits; without it they are only counted. */
  deadLetters?: DeadLetterPublisher;
  onSnapshotCompleted?: (snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (kind: SnapshotKind, reason: CheckpointFailureReason) => void;
}

/**
 * What a job's checkpoints share across its runs: where ids come from and snapshots commit
 * (HA), the history rows, and the newest completed checkpoint. Each run has its own
 * CheckpointCoordinator on top of this, which ends with the run.
 */
export class JobCheckpoints {
  lastCompleted: CompletedSnapshot | null = null;
  /** When the last checkpoint completed or failed: the minimum pause counts from there. */
  lastFinishedAtMs: number | null = null;
  readonly ha: JobCheckpointHa;
  readonly history: HistoryWrites;
  readonly deadLetters: DeadLetterOutbox;

  constructor(readonly deps: JobCheckpointsDeps) {
    this.deadLetters = new DeadLetterOutbox(deps.spec.id, deps.deadLetters, deps.logger);
    this.history = new HistoryWrites(deps.history, deps.logger, deps.spec.id);
    this.ha = new JobCheckpointHa(
      deps.ha,
      deps.paths.checkpointsOf(deps.spec.id),
      deps.logger,
      deps.spec.id,
    );
  }

  /** Without HA services, ids go on from `id`: never one a previous run or engine used. */
  continueFrom(id: number): void {
    this.ha.continueFrom(id);
  }

  /** The newest completed checkpoint that verifies, as the HA mode records them. */
  recover(): Promise<RecoveryChoice> {
    return this.ha.recover();
  }
}
