import type { Snapshot } from '@weir/contract';

/** Savepoints kept per job; the oldest are forgotten first. */
export const SAVEPOINTS_PER_JOB = 100;

/**
 * Where a cluster's remembered savepoints live: the engine's database (every instance sees
 * them, so the list survives a Weir restart or failover), or memory for a backend used on its
 * own. Savepoints are stored as they were seen, disposal marks included.
 */
export interface SavepointStore {
  /** The job's savepoints, newest first, at most SAVEPOINTS_PER_JOB. */
  ofJob(jobId: string): Promise<Snapshot[]>;
  /** Stores them (replacing what was stored under their ids), dropping the job's oldest. */
  save(jobId: string, savepoints: Snapshot[]): Promise<void>;
}

/** Jobs whose savepoints a memory store keeps. */
const JOBS = 200;

/** For a backend used on its own (tests, tools): savepoints last as long as it does. */
export class MemorySavepointStore implements SavepointStore {
  private readonly jobs = new Map<string, Map<number, Snapshot>>();

  async ofJob(jobId: string): Promise<Snapshot[]> {
    return newestFirst([...(this.jobs.get(jobId)?.values() ?? [])]);
  }

  async save(jobId: string, savepoints: Snapshot[]): Promise<void> {
    let known = this.jobs.get(jobId);
    if (!known) {
      known = new Map();
      this.jobs.set(jobId, known);
      if (this.jobs.size > JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
    }
    for (const savepoint of savepoints) known.set(savepoint.checkpointId, savepoint);
    for (const old of newestFirst([...known.values()]).slice(SAVEPOINTS_PER_JOB))
      known.delete(old.checkpointId);
  }
}

const newestFirst = (savepoints: Snapshot[]) =>
  savepoints.sort((a, b) => b.checkpointId - a.checkpointId);

/**
 * The savepoints of each job this backend has seen (taken, or listed by Flink), and which it
 * disposed of. Flink's statistics keep only the newest few checkpoints (10 by default, so with
 * 1 s checkpoints a savepoint drops out within seconds) and its latest savepoint, and Flink
 * never learns that a savepoint's files were disposed of. What Flink reports is the record;
 * this keeps it in view.
 */
export class SavepointRecords {
  constructor(private readonly store: SavepointStore) {}

  /**
   * `listed` (from Flink) with the remembered ones, disposals marked, newest first. Only
   * completed savepoints are remembered: one in progress may end while out of view. Writes
   * only what the store lacks: the console asks for this list every few seconds.
   */
  async merge(jobId: string, listed: Snapshot[], limit: number): Promise<Snapshot[]> {
    const known = new Map((await this.store.ofJob(jobId)).map((s) => [s.checkpointId, s]));
    const all = new Map(known);
    const unseen: Snapshot[] = [];
    for (const savepoint of listed) {
      const seen = known.get(savepoint.checkpointId);
      if (savepoint.status === 'COMPLETED' && !seen) unseen.push(savepoint);
      const disposedAt = seen?.disposedAt;
      all.set(savepoint.checkpointId, disposedAt ? { ...savepoint, disposedAt } : savepoint);
    }
    if (unseen.length > 0) await this.store.save(jobId, unseen);
    return newestFirst([...all.values()]).slice(0, limit);
  }

  /** Keeps `savepoint` (its disposal, if one was recorded, kept too); returns what is known. */
  async remember(savepoint: Snapshot): Promise<Snapshot> {
    const disposedAt = (await this.find(savepoint.jobId, savepoint.checkpointId))?.disposedAt;
    const kept = disposedAt ? { ...savepoint, disposedAt } : savepoint;
    await this.store.save(savepoint.jobId, [kept]);
    return kept;
  }

  async find(jobId: string, checkpointId: number): Promise<Snapshot | undefined> {
    return (await this.store.ofJob(jobId)).find((known) => known.checkpointId === checkpointId);
  }

  /** The remembered savepoint written to `path`. */
  async at(jobId: string, path: string): Promise<Snapshot | undefined> {
    return (await this.store.ofJob(jobId)).find((known) => known.path === path);
  }

  async markDisposed(savepoint: Snapshot, at: Date): Promise<Snapshot> {
    const disposed = { ...savepoint, disposedAt: at.toISOString() };
    await this.store.save(savepoint.jobId, [disposed]);
    return disposed;
  }
}
