import type {
  CheckpointCounts,
  ClusterOverview,
  JobDetail,
  JobException,
  JobOperation,
  JobPlan,
  JobSpec,
  JobSummary,
  JobVersion,
  RescaleRequest,
  RestoreCheck,
  RestoreRequest,
  RollbackRequest,
  SavepointTriggerStatus,
  Snapshot,
  SnapshotKind,
  UpgradeCheck,
  UpgradeCheckRequest,
  UpgradeRequest,
  VertexLoadHistory,
  WindowResult,
} from '@weir/contract';
import type { JobMetricsSource } from '../metrics/engine-metrics.js';
import type { LeaderJobs } from './leader-jobs.js';

/**
 * The one way the API, leadership and alerting reach jobs. Implemented by the embedded engine
 * and (later) by a client of Flink's REST API, so the console treats both the same way. The
 * leadership part (`LeaderJobs`) is what a new or deposed leader does with the jobs here;
 * `jobMetrics` is what Prometheus scrapes of them.
 */
export interface ClusterBackend extends LeaderJobs, JobMetricsSource {
  overview(): Promise<ClusterOverview>;
  listJobs(): Promise<JobSummary[]>;
  /** Throws a NOT_FOUND WeirError for an unknown job. */
  getJob(jobId: string): Promise<JobDetail>;
  /** Starts a new job (or a finished one again), from its newest valid checkpoint if any. */
  /** `author` is recorded with the version the submit creates. */
  submitJob(spec: JobSpec, author?: string): Promise<JobSummary>;
  /** The job graph `spec` would run, checked as a submit checks it; nothing runs. */
  planJob(spec: JobSpec): Promise<JobPlan>;
  /** Every spec the job ran, newest first. */
  versionsOf(jobId: string): Promise<JobVersion[]>;
  /** The dry run of an upgrade: what changes, what happens to state; nothing changes. */
  upgradeCheck(request: UpgradeCheckRequest): Promise<UpgradeCheck>;
  /** Starts an upgrade to a new spec, with state, rolled back if it does not prove itself. */
  upgrade(request: UpgradeRequest, author: string): Promise<JobOperation>;
  /** Starts an upgrade to an earlier version's spec. */
  rollback(request: RollbackRequest, author: string): Promise<JobOperation>;
  /** Busy and backpressured ratios of a vertex's subtasks over the recent window. */
  vertexLoadHistory(jobId: string, vertexId: string): Promise<VertexLoadHistory>;
  /** Newest first. */
  listCheckpoints(jobId: string, limit: number): Promise<Snapshot[]>;
  /** One checkpoint or savepoint with its statistics (per-subtask acks, straggler). */
  getSnapshot(jobId: string, kind: SnapshotKind, checkpointId: number): Promise<Snapshot>;
  checkpointCounts(jobId: string): Promise<CheckpointCounts>;
  /** Newest first. */
  listSavepoints(jobId: string, limit: number): Promise<Snapshot[]>;
  /** Resolves once the savepoint is durable; a retry with the same trigger id joins it. */
  triggerSavepoint(jobId: string, triggerId?: string): Promise<Snapshot>;
  savepointStatus(jobId: string, triggerId: string): Promise<SavepointTriggerStatus>;
  /** Deletes a completed savepoint's files, keeping its history row (marked disposed). */
  disposeSavepoint(jobId: string, checkpointId: number): Promise<Snapshot>;
  /** Newest windows first. */
  recentResults(jobId: string, limit: number): Promise<WindowResult[]>;
  /**
   * Writes `records` into the job's input (the topic of its Kafka source `source`, or of its
   * only one): dead letters replayed once fixed. Refused for inputs that cannot take them.
   */
  replayInput(
    jobId: string,
    records: string[],
    source: string | undefined,
  ): Promise<{ source: string; topic: string }>;
  /** Cancels the job; its checkpoints are kept unless the job disables retain-on-cancel. */
  cancel(jobId: string): Promise<JobSummary>;
  /** Takes a savepoint and ends the job at it; after firing every window when `drain`. */
  stopWithSavepoint(jobId: string, drain: boolean): Promise<Snapshot>;
  restoreCheck(request: RestoreRequest): Promise<RestoreCheck>;
  /** Starts a restore; the operation reports its phases until the job runs again. */
  restore(request: RestoreRequest): Promise<JobOperation>;
  /** Starts a rescale (stop with savepoint, restore at the new parallelism). */
  rescale(request: RescaleRequest): Promise<JobOperation>;
  operation(operationId: string): Promise<JobOperation>;
  /** The job's restores and rescales, newest first: a reloaded page finds the one running. */
  listOperations(jobId: string): Promise<JobOperation[]>;
  /** Newest first: failures of the job's subtasks and what recovery did about them. */
  exceptions(jobId: string): Promise<JobException[]>;
  /** Stops every job and releases what the backend holds; the engine is shutting down. */
  close(): Promise<void>;
}
