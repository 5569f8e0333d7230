import type { CheckpointStats, SnapshotKind } from '@weir/contract';

/** Where the runtime records checkpoint and savepoint history (the database, in production). */
export interface SnapshotHistory {
  recordTriggered(event: {
    jobId: string;
    checkpointId: number;
    kind: SnapshotKind;
    triggeredAt: Date;
  }): Promise<unknown>;
  recordCompleted(event: {
    jobId: string;
    kind: SnapshotKind;
    checkpointId: number;
    completedAt: Date;
    durationMs: number;
    sizeBytes: number;
    path: string;
    stats?: CheckpointStats;
  }): Promise<unknown>;
  recordFailed(event: {
    jobId: string;
    kind: SnapshotKind;
    checkpointId: number;
    reason: string;
  }): Promise<unknown>;
}
