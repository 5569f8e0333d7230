import type { JobSpec, JobSummary } from '@weir/contract';

/**
 * What leadership does with the jobs this instance runs: a new leader recovers the cluster's
 * jobs from their checkpoints, one that loses leadership suspends them. The embedded engine
 * implements it; a backend that drives a remote cluster (Flink) runs no jobs in this process,
 * so it would have nothing to recover or suspend.
 */
export interface LeaderJobs {
  /** Runs every job the cluster had running, from its checkpoints; resolves with their ids. */
  recoverJobs(): Promise<string[]>;
  listJobs(): Promise<JobSummary[]>;
  submitJob(spec: JobSpec): Promise<JobSummary>;
  /** Stops every job here at once, touching no shared record: the next leader recovers them. */
  suspendAll(): Promise<void>;
}
