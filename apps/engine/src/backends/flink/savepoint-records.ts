import type { Snapshot } from '@weir/contract';

/** Savepoints remembered per job; the oldest are forgotten first. */
const PER_JOB = 100;
/** Jobs whose savepoints are remembered. */
const JOBS = 200;

/**
 * The savepoints of each job this backend has seen (taken, or listed by Flink), and which it
 * disposed of. Flink's statistics keep only the newest checkpoints and the latest savepoint,
 * so an older savepoint would otherwise vanish from the list, and Flink never learns that a
 * savepoint's files were disposed of. In memory: what Flink reports is the record; this only
 * keeps it in view.
 */
export class SavepointRecords {
  private readonly jobs = new Map<string, Map<number, Snapshot>>();

  /**
   * `listed` (from Flink) with the remembered ones, disposals marked, newest first. Only
   * completed savepoints are remembered: one in progress may end while out of view.
   */
  merge(jobId: string, listed: Snapshot[], limit: number): Snapshot[] {
    const all = new Map<number, Snapshot>();
    for (const savepoint of listed) {
      all.set(
        savepoint.checkpointId,
        savepoint.status === 'COMPLETED' ? this.remember(savepoint) : savepoint,
      );
    }
    for (const savepoint of this.jobs.get(jobId)?.values() ?? []) {
      if (!all.has(savepoint.checkpointId)) all.set(savepoint.checkpointId, savepoint);
    }
    return [...all.values()].sort((a, b) => b.checkpointId - a.checkpointId).slice(0, limit);
  }

  /** Keeps `savepoint` (its disposal, if one was recorded, kept too); returns what is known. */
  remember(savepoint: Snapshot): Snapshot {
    let known = this.jobs.get(savepoint.jobId);
    if (!known) {
      known = new Map();
      this.jobs.set(savepoint.jobId, known);
      if (this.jobs.size > JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
    }
    const disposedAt = known.get(savepoint.checkpointId)?.disposedAt;
    const kept = disposedAt ? { ...savepoint, disposedAt } : savepoint;
    known.set(savepoint.checkpointId, kept);
    if (known.size > PER_JOB) {
      const oldest = Math.min(...known.keys());
      known.delete(oldest);
    }
    return kept;
  }

  find(jobId: string, checkpointId: number): Snapshot | undefined {
    return this.jobs.get(jobId)?.get(checkpointId);
  }

  /** The remembered savepoint written to `path`. */
  at(jobId: string, path: string): Snapshot | undefined {
    return [...(this.jobs.get(jobId)?.values() ?? [])].find((known) => known.path === path);
  }

  markDisposed(savepoint: Snapshot, at: Date): Snapshot {
    this.remember(savepoint);
    const disposed = { ...savepoint, disposedAt: at.toISOString() };
    this.jobs.get(savepoint.jobId)?.set(savepoint.checkpointId, disposed);
    return disposed;
  }
}
