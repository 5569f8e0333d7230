import type { CheckpointCounts, JobSpec, JobStatus, Snapshot, SnapshotKind } from '@weir/contract';
import type { SnapshotHistory } from '../../checkpoint/snapshot-history.js';

/** Where the embedded backend records snapshots and jobs (the database, or memory in tests). */
export interface SnapshotHistoryStore extends SnapshotHistory {
  list(query: { jobId: string; kind: SnapshotKind; limit: number }): Promise<Snapshot[]>;
  get(ref: { jobId: string; kind: SnapshotKind; checkpointId: number }): Promise<Snapshot | null>;
  markDisposed(
    ref: { jobId: string; kind: SnapshotKind; checkpointId: number },
    at: Date,
  ): Promise<unknown>;
  countByStatus(query: { jobId: string; kind: SnapshotKind }): Promise<CheckpointCounts>;
}

export interface JobStore {
  upsertJob(job: { id: string; name: string; status: string; spec: JobSpec }): Promise<unknown>;
  setJobStatus(id: string, status: JobStatus): Promise<unknown>;
  /** Job counts as recorded, for a standby, which runs no jobs itself. */
  counts?(): Promise<{ running: number; total: number }>;
}
