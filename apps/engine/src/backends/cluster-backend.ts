import type {
  ClusterOverview,
  DeadLetterEntry,
  JobDetail,
  JobException,
  JobSummary,
  Snapshot,
  WindowResult,
} from '@weir/shared';

/**
 * The one interface the API layer calls. Implemented by the embedded engine and (later)
 * by a client of Flink's REST API, so the console treats both the same way.
 */
export interface ClusterBackend {
  overview(): Promise<ClusterOverview>;
  listJobs(): Promise<JobSummary[]>;
  /** Throws a NOT_FOUND WeirError for an unknown job. */
  getJob(jobId: string): Promise<JobDetail>;
  /** Newest first. */
  listCheckpoints(jobId: string, limit: number): Promise<Snapshot[]>;
  /** Newest first. */
  listSavepoints(jobId: string, limit: number): Promise<Snapshot[]>;
  /** Resolves once the savepoint is durable; the result carries its path. */
  triggerSavepoint(jobId: string): Promise<Snapshot>;
  /** Newest windows first. */
  recentResults(jobId: string, limit: number): Promise<WindowResult[]>;
  /** Newest first: records operators could not process, with the reason. */
  deadLetters(jobId: string, limit: number): Promise<DeadLetterEntry[]>;
  /** Newest first: failures of the job's subtasks and what recovery did about them. */
  exceptions(jobId: string): Promise<JobException[]>;
}
