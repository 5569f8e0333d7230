import type { CheckpointCounts, CheckpointStats, Snapshot, SnapshotKind } from '@weir/contract';
import type { SnapshotHistoryStore } from '../src/backends/embedded/stores.js';

/** In-memory snapshot history: a hand-written fake for tests that do not exercise the database. */
export class MemoryHistory implements SnapshotHistoryStore {
  readonly rows: Snapshot[] = [];

  private find(jobId: string, kind: SnapshotKind, checkpointId: number): Snapshot {
    const row = this.rows.find(
      (r) => r.jobId === jobId && r.kind === kind && r.checkpointId === checkpointId,
    );
    if (!row) throw new Error(`no ${kind} ${checkpointId} for ${jobId}`);
    return row;
  }

  async recordTriggered(e: {
    jobId: string;
    checkpointId: number;
    kind: SnapshotKind;
    triggeredAt: Date;
  }) {
    this.rows.push({
      ...e,
      triggeredAt: e.triggeredAt.toISOString(),
      status: 'IN_PROGRESS',
      durationMs: null,
      sizeBytes: null,
      path: null,
      failureReason: null,
    });
  }

  async recordCompleted(e: {
    jobId: string;
    kind: SnapshotKind;
    checkpointId: number;
    durationMs: number;
    sizeBytes: number;
    path: string;
    stats?: CheckpointStats;
  }) {
    Object.assign(this.find(e.jobId, e.kind, e.checkpointId), {
      status: 'COMPLETED',
      durationMs: e.durationMs,
      sizeBytes: e.sizeBytes,
      path: e.path,
      stats: e.stats ?? null,
    });
  }

  async markDisposed(ref: { jobId: string; kind: SnapshotKind; checkpointId: number }, at: Date) {
    Object.assign(this.find(ref.jobId, ref.kind, ref.checkpointId), {
      disposedAt: at.toISOString(),
    });
  }

  async recordFailed(e: {
    jobId: string;
    kind: SnapshotKind;
    checkpointId: number;
    reason: string;
  }) {
    Object.assign(this.find(e.jobId, e.kind, e.checkpointId), {
      status: 'FAILED',
      failureReason: e.reason,
    });
  }

  async get(q: {
    jobId: string;
    kind: SnapshotKind;
    checkpointId: number;
  }): Promise<Snapshot | null> {
    return (
      this.rows.find(
        (r) => r.jobId === q.jobId && r.kind === q.kind && r.checkpointId === q.checkpointId,
      ) ?? null
    );
  }

  async list(q: { jobId: string; kind: SnapshotKind; limit: number }): Promise<Snapshot[]> {
    return this.rows
      .filter((r) => r.jobId === q.jobId && r.kind === q.kind)
      .reverse()
      .slice(0, q.limit);
  }

  async countByStatus(q: { jobId: string; kind: SnapshotKind }): Promise<CheckpointCounts> {
    const rows = this.rows.filter((r) => r.jobId === q.jobId && r.kind === q.kind);
    const count = (status: Snapshot['status']) => rows.filter((r) => r.status === status).length;
    return {
      completed: count('COMPLETED'),
      failed: count('FAILED'),
      inProgress: count('IN_PROGRESS'),
    };
  }
}
