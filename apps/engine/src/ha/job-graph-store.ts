import type { JobSpec } from '@weir/contract';

/**
 * The jobs the cluster should be running, so a new leader knows what to recover. Written when
 * a job is submitted, removed when it ends for good (never when it is merely suspended).
 */
export interface JobGraphStore {
  put(spec: JobSpec): Promise<void>;
  remove(jobId: string): Promise<void>;
  list(): Promise<JobSpec[]>;
}

/** A single instance has nobody to hand its jobs to: memory is enough. */
export class InMemoryJobGraphStore implements JobGraphStore {
  private readonly specs = new Map<string, JobSpec>();

  async put(spec: JobSpec): Promise<void> {
    this.specs.set(spec.id, spec);
  }

  async remove(jobId: string): Promise<void> {
    this.specs.delete(jobId);
  }

  async list(): Promise<JobSpec[]> {
    return [...this.specs.values()];
  }
}
