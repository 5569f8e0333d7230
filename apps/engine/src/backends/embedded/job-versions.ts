import type { JobSpec, JobVersion } from '@weir/contract';

/** A version about to be recorded: everything but its number, time and rollback mark. */
export type NewJobVersion = Pick<
  JobVersion,
  'jobId' | 'author' | 'comment' | 'origin' | 'rollbackOf' | 'startedFrom'
> & { spec: JobSpec };

/**
 * The numbered specs of each job (issue 20). Kept in the engine's database, so every instance
 * lists the same history and a new leader knows which version runs; in memory for a backend
 * used on its own.
 */
export interface JobVersions {
  /** Records the next version of the job (1 for its first). */
  add(version: NewJobVersion, at: Date): Promise<JobVersion>;
  /**
   * Records `version` as version 1 unless the job has versions already (then nothing is
   * written, whoever races); answers the job's newest version either way.
   */
  addFirst(version: NewJobVersion, at: Date): Promise<JobVersion>;
  /** Newest first. */
  list(jobId: string): Promise<JobVersion[]>;
  get(jobId: string, version: number): Promise<JobVersion | undefined>;
  /** The version was abandoned for the previous one, and why. */
  markRolledBack(jobId: string, version: number, reason: string, at: Date): Promise<void>;
}

/** For tests and tools: versions last as long as the backend. */
export class MemoryJobVersions implements JobVersions {
  private readonly jobs = new Map<string, JobVersion[]>();

  async add(version: NewJobVersion, at: Date): Promise<JobVersion> {
    const versions = this.jobs.get(version.jobId) ?? [];
    const recorded: JobVersion = {
      ...version,
      version: versions.length + 1,
      createdAt: at.toISOString(),
      rolledBack: null,
    };
    this.jobs.set(version.jobId, [...versions, recorded]);
    return recorded;
  }

  async addFirst(version: NewJobVersion, at: Date): Promise<JobVersion> {
    const [newest] = await this.list(version.jobId);
    return newest ?? this.add(version, at);
  }

  async list(jobId: string): Promise<JobVersion[]> {
    return [...(this.jobs.get(jobId) ?? [])].reverse();
  }

  async get(jobId: string, version: number): Promise<JobVersion | undefined> {
    return this.jobs.get(jobId)?.[version - 1];
  }

  async markRolledBack(jobId: string, version: number, reason: string, at: Date): Promise<void> {
    const versions = this.jobs.get(jobId);
    const found = versions?.[version - 1];
    if (versions && found)
      versions[version - 1] = { ...found, rolledBack: { at: at.toISOString(), reason } };
  }
}
