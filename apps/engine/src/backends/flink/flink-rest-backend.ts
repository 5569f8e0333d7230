import type {
  CheckpointCounts,
  ClusterOverview,
  JarUpgradeInput,
  JobDetail,
  JobException,
  JobOperation,
  JobPlan,
  JobSummary,
  JobVersion,
  RescaleRequest,
  RestoreCheck,
  RestoreRequest,
  SavepointTriggerStatus,
  Snapshot,
  SnapshotKind,
  SubtaskMetrics,
  UpgradeCheck,
  VertexLoadHistory,
  WindowResult,
} from '@weir/contract';
import { invalidArgument, notFound, WeirError } from '../../errors/weir-error.js';
import type { JobMetrics } from '../../metrics/engine-metrics.js';
import type { ClusterBackend } from '../cluster-backend.js';
import { clusterOverview } from './cluster-overview.js';
import { FlinkJarPrograms } from './flink-jar-programs.js';
import { FlinkJobControl } from './flink-job-control.js';
import { FlinkOperations } from './flink-operations.js';
import { jobPath } from './flink-paths.js';
import { FlinkRestClient, type FlinkRestClientOptions } from './flink-rest-client.js';
import { FlinkSavepoints } from './flink-savepoints.js';
import {
  CheckpointEntrySchema,
  CheckpointingStatsSchema,
  CheckpointSubtasksSchema,
  ConfigEntriesSchema,
  ExceptionsSchema,
  type FlinkCheckpointingStats,
  type FlinkJobDetails,
  type FlinkJobVertex,
  JobDetailsSchema,
  JobsOverviewSchema,
  MetricValuesSchema,
  OverviewSchema,
} from './flink-schemas.js';
import { jobExceptions } from './job-exceptions.js';
import { type LaunchRecords, MemoryLaunchRecords } from './job-launches.js';
import { jobDetail, jobSummary } from './job-summary.js';
import { LiveMetrics } from './live-metrics.js';
import { mapLimited } from './map-limited.js';
import { schedulerOf } from './rescale-plan.js';
import { MemorySavepointStore, type SavepointStore } from './savepoint-records.js';
import {
  checkpointCounts,
  checkpointStats,
  snapshot,
  snapshotHistory,
  snapshotKind,
} from './snapshots.js';
import { metricQueries, subtaskReadings } from './subtask-metrics.js';

export interface FlinkRestBackendOptions extends FlinkRestClientOptions {
  /** The name the cluster is registered under; the overview's `clusterId`. */
  clusterId: string;
  /**
   * How long a savepoint (or a disposal) may take before Weir stops waiting; Flink fails a
   * savepoint itself after `execution.checkpointing.timeout` (10 min by default).
   */
  savepointTimeoutMs?: number;
  /**
   * How long a job may take to reach a state Weir waits for: cancelled, running again after a
   * restore, running at its new parallelism after a rescale.
   */
  settleTimeoutMs?: number;
  /** Where the jars jobs were started from are kept; in memory when not given. */
  launches?: LaunchRecords;
  /** Where the savepoints seen are kept; in memory when not given. */
  savepoints?: SavepointStore;
  now?: () => number;
}

const DEFAULT_SAVEPOINT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_SETTLE_TIMEOUT_MS = 2 * 60_000;
/** Calls made at once for the jobs list (three per job) and for the vertices of a job. */
const LIST_CONCURRENCY = 4;

/** Flink runs jars: upgrading one is stop-with-savepoint, then the new jar from that savepoint. */
const SPEC_UPGRADES =
  'Upgrading to a Weir job spec (stop the job with a savepoint, then run the new jar from it)';

const notSupported = (what: string) =>
  new WeirError('INVALID_ARGUMENT', `${what} is not supported for Flink clusters`, {
    domain: 'user',
  });

/**
 * A Flink cluster driven over its REST API (issue 18). Every call is bounded in time
 * (`timeoutMs`) and an unreachable cluster is a retriable UNAVAILABLE error naming it; every
 * wait for Flink (a savepoint, a cancel, a restore, a rescale) is bounded too.
 *
 * What Flink does not keep, this keeps in memory: metric readings (live rates and the load
 * history), the savepoints it saw, the jar each job it started runs, its operations. Nothing
 * runs in this process: leadership has nothing to recover or suspend here, and Flink's job
 * metrics are not exported through Weir's /metrics (Flink has its own reporters).
 */
export class FlinkRestBackend implements ClusterBackend {
  readonly client: FlinkRestClient;
  readonly clusterId: string;
  private readonly savepoints: FlinkSavepoints;
  private readonly jobs: FlinkJobControl;
  private readonly live: LiveMetrics;
  private readonly operations: FlinkOperations;
  /** Jobs from uploaded jars. */
  readonly jars: FlinkJarPrograms;

  constructor(options: FlinkRestBackendOptions) {
    const now = options.now ?? Date.now;
    this.client = new FlinkRestClient(options);
    this.clusterId = options.clusterId;
    const settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
    this.savepoints = new FlinkSavepoints(
      this.client,
      options.savepoints ?? new MemorySavepointStore(),
      () => this.settings(),
      {
        savepointTimeoutMs: options.savepointTimeoutMs ?? DEFAULT_SAVEPOINT_TIMEOUT_MS,
        settleTimeoutMs,
      },
      now,
    );
    this.jobs = new FlinkJobControl(
      this.client,
      settleTimeoutMs,
      options.launches ?? new MemoryLaunchRecords(),
    );
    this.live = new LiveMetrics(now);
    this.operations = new FlinkOperations(
      this.jobs,
      (jobId) => this.stopWithSavepoint(jobId, false),
      now,
    );
    this.jars = new FlinkJarPrograms(this.client, this.jobs);
  }

  async overview(): Promise<ClusterOverview> {
    const [overview, settings] = await Promise.all([
      this.client.get('/overview', OverviewSchema),
      this.settings(),
    ]);
    return clusterOverview(this.clusterId, this.client.restUrl, overview, settings);
  }

  async listJobs(): Promise<JobSummary[]> {
    const { jobs } = await this.client.get('/jobs/overview', JobsOverviewSchema);
    const summaries = await mapLimited(jobs, LIST_CONCURRENCY, async (job) => {
      const [details, checkpoints, restarts] = await Promise.all([
        this.details(job.jid),
        this.checkpointStats(job.jid),
        this.restarts(job.jid),
      ]);
      return jobSummary(job, { details, checkpoints, restarts });
    });
    return summaries.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  }

  /**
   * The job with its topology and live metrics. Each call takes a reading of every vertex's
   * subtasks: rates come from the difference to the previous reading (see `subtaskMetrics`).
   */
  async getJob(jobId: string): Promise<JobDetail> {
    const [details, checkpoints, restarts] = await Promise.all([
      this.detailsWithScheduler(jobId),
      this.checkpointStats(jobId),
      this.restarts(jobId),
    ]);
    const measured = await mapLimited(details.vertices, LIST_CONCURRENCY, async (vertex) => {
      const subtasks = await this.readVertex(jobId, vertex);
      return [vertex.id, subtasks] as const;
    });
    return jobDetail(details, { checkpoints, restarts }, new Map(measured));
  }

  /** The load samples of the recent window; this call takes one more. */
  async vertexLoadHistory(jobId: string, vertexId: string): Promise<VertexLoadHistory> {
    const details = await this.details(jobId);
    const vertex = details.vertices.find((v) => v.id === vertexId);
    if (!vertex) throw notFound(`vertex ${vertexId} of job ${jobId}`);
    await this.readVertex(jobId, vertex);
    return this.live.loadHistory(jobId, vertexId, Math.max(1, vertex.parallelism));
  }

  /** Newest first, from Flink's recent history (its newest `web.checkpoints.history`, 10). */
  async listCheckpoints(jobId: string, limit: number): Promise<Snapshot[]> {
    const stats = await this.requireCheckpointStats(jobId);
    return snapshotHistory(jobId, stats, 'CHECKPOINT', limit);
  }

  /**
   * Newest first: Flink's recent history and its latest savepoint, with those seen before
   * (older ones drop out of Flink's history) and disposals marked.
   */
  async listSavepoints(jobId: string, limit: number): Promise<Snapshot[]> {
    const stats = await this.requireCheckpointStats(jobId);
    const listed = snapshotHistory(jobId, stats, 'SAVEPOINT', Number.POSITIVE_INFINITY);
    return this.savepoints.records.merge(jobId, listed, limit);
  }

  async getSnapshot(jobId: string, kind: SnapshotKind, checkpointId: number): Promise<Snapshot> {
    try {
      const found = await this.flinkSnapshot(jobId, kind, checkpointId);
      return kind === 'SAVEPOINT' && found.status === 'COMPLETED'
        ? await this.savepoints.records.remember(found)
        : found;
    } catch (error) {
      // Flink keeps the details of its newest few only; an older savepoint seen here is known.
      const known =
        kind === 'SAVEPOINT' && error instanceof WeirError && error.code === 'NOT_FOUND'
          ? await this.savepoints.records.find(jobId, checkpointId)
          : undefined;
      if (known) return known;
      throw error;
    }
  }

  async checkpointCounts(jobId: string): Promise<CheckpointCounts> {
    const stats = await this.checkpointStats(jobId);
    return stats ? checkpointCounts(stats) : { completed: 0, failed: 0, inProgress: 0 };
  }

  async exceptions(jobId: string): Promise<JobException[]> {
    const [history, details] = await Promise.all([
      this.client.get(`${jobPath(jobId)}/exceptions`, ExceptionsSchema),
      this.details(jobId),
    ]);
    return jobExceptions(history.exceptionHistory.entries, details.vertices);
  }

  /** Resolves once the savepoint is durable; a retry with the same trigger id joins it. */
  triggerSavepoint(jobId: string, triggerId?: string): Promise<Snapshot> {
    return this.savepoints.trigger(jobId, triggerId);
  }

  savepointStatus(jobId: string, triggerId: string): Promise<SavepointTriggerStatus> {
    return this.savepoints.status(jobId, triggerId);
  }

  /** Deletes the savepoint's files through Flink, which finds them where it wrote them. */
  async disposeSavepoint(jobId: string, checkpointId: number): Promise<Snapshot> {
    return this.savepoints.dispose(await this.getSnapshot(jobId, 'SAVEPOINT', checkpointId));
  }

  /** Takes a savepoint and ends the job at it; resolves once the job has ended. */
  async stopWithSavepoint(jobId: string, drain: boolean): Promise<Snapshot> {
    const savepoint = await this.savepoints.stop(jobId, drain);
    await this.jobs.awaitEnd(jobId);
    return savepoint;
  }

  /** Cancels the job (`PATCH /jobs/:id?mode=cancel`) and answers once it has ended. */
  async cancel(jobId: string): Promise<JobSummary> {
    await this.details(jobId); // NOT_FOUND for an unknown job
    await this.jobs.cancel(jobId);
    return this.summary(jobId);
  }

  /**
   * Runs the job's jar again from the snapshot (cancelling it first if it still runs); the
   * restored job has a new id, which the operation names.
   */
  async restore(request: RestoreRequest): Promise<JobOperation> {
    return this.operations.restore(request, await this.details(request.jobId));
  }

  /** In place under the adaptive scheduler, otherwise by stop-with-savepoint and a new run. */
  async rescale(request: RescaleRequest): Promise<JobOperation> {
    return this.operations.rescale(request, await this.detailsWithScheduler(request.jobId));
  }

  /** A new program for the job from a savepoint, rolled back if it does not prove itself. */
  async upgradeJar(request: Omit<JarUpgradeInput, 'cluster'>): Promise<JobOperation> {
    const { jobId, jarId, entryClass, args, ...options } = request;
    const launch = await this.jars.launch({ jarId, entryClass, args });
    return this.operations.upgrade(await this.detailsWithScheduler(jobId), launch, options);
  }

  async operation(operationId: string): Promise<JobOperation> {
    return this.operations.get(operationId);
  }

  async listOperations(jobId: string): Promise<JobOperation[]> {
    await this.details(jobId);
    return this.operations.ofJob(jobId);
  }

  async restoreCheck(): Promise<RestoreCheck> {
    throw notSupported(
      'Checking a restore ahead (Flink checks the savepoint against the job as the restored job starts; a restore that does not fit fails with the reason)',
    );
  }

  /** Flink has no dead-letter channel: a job's failed records, and its input, are its own. */
  async replayInput(jobId: string): Promise<never> {
    await this.details(jobId);
    throw invalidArgument(
      'Flink jobs keep no dead letters in Weir: their input is replayed by the job itself',
    );
  }

  async recentResults(): Promise<WindowResult[]> {
    throw notSupported('Recent window results (Weir reads them from its own sinks)');
  }

  async submitJob(): Promise<JobSummary> {
    throw notSupported('Submitting a Weir job spec (a Flink cluster runs jars)');
  }

  async planJob(): Promise<JobPlan> {
    throw notSupported('Planning a Weir job spec (a Flink cluster plans jars: jars.plan)');
  }

  /** Flink jobs run jars, which Weir does not version (yet): no versions to list. */
  async versionsOf(jobId: string): Promise<JobVersion[]> {
    await this.details(jobId);
    return [];
  }

  async upgradeCheck(): Promise<UpgradeCheck> {
    throw notSupported(SPEC_UPGRADES);
  }

  async upgrade(): Promise<JobOperation> {
    throw notSupported(SPEC_UPGRADES);
  }

  async rollback(): Promise<JobOperation> {
    throw notSupported('Rolling back to a Weir job spec version');
  }

  // Leadership and Prometheus: nothing of a Flink cluster runs in this process.

  async recoverJobs(): Promise<string[]> {
    return [];
  }

  async suspendAll(): Promise<void> {}

  jobMetrics(): JobMetrics[] {
    return [];
  }

  async close(): Promise<void> {}

  private details(jobId: string): Promise<FlinkJobDetails> {
    return this.client.get(jobPath(jobId), JobDetailsSchema);
  }

  /** `details` naming the job's scheduler, which Flink 1.20 leaves to the cluster's settings. */
  private async detailsWithScheduler(jobId: string): Promise<FlinkJobDetails> {
    const details = await this.details(jobId);
    if (details.schedulerType) return details;
    return { ...details, schedulerType: schedulerOf(details, await this.settings()) };
  }

  /** `details` and the rest of a summary, with the state as it is now. */
  private async summary(jobId: string): Promise<JobSummary> {
    const details = await this.details(jobId);
    const [state, checkpoints, restarts] = await Promise.all([
      this.jobs.state(jobId),
      this.checkpointStats(jobId),
      this.restarts(jobId),
    ]);
    const job = { jid: jobId, name: details.name, state, 'start-time': details['start-time'] };
    return jobSummary(job, { details, checkpoints, restarts });
  }

  private async settings(): Promise<Map<string, string>> {
    const config = await this.client.get('/jobmanager/config', ConfigEntriesSchema);
    return new Map(config.map((entry) => [entry.key, entry.value]));
  }

  /** Reads a vertex's subtask metrics (a call per few subtasks) into the live metrics. */
  private async readVertex(jobId: string, vertex: FlinkJobVertex): Promise<SubtaskMetrics[]> {
    const parallelism = Math.max(1, vertex.parallelism);
    const path = `${jobPath(jobId)}/vertices/${encodeURIComponent(vertex.id)}/metrics`;
    const values = [];
    for (const query of metricQueries(parallelism)) {
      values.push(...(await this.client.get(`${path}?get=${query}`, MetricValuesSchema)));
    }
    const readings = subtaskReadings(values, parallelism);
    return this.live.record(jobId, vertex.id, readings, vertex.status === 'RUNNING');
  }

  private async flinkSnapshot(
    jobId: string,
    kind: SnapshotKind,
    checkpointId: number,
  ): Promise<Snapshot> {
    const base = `${jobPath(jobId)}/checkpoints/details/${checkpointId}`;
    const entry = await this.client.get(base, CheckpointEntrySchema);
    if (snapshotKind(entry) !== kind) {
      throw notFound(`${kind.toLowerCase()} ${checkpointId} of job ${jobId}`);
    }
    const vertexIds = Object.keys(entry.tasks ?? {});
    const vertices = await Promise.all(
      vertexIds.map(async (vertexId) => ({
        vertexId,
        details: await this.client.get(
          `${base}/subtasks/${encodeURIComponent(vertexId)}`,
          CheckpointSubtasksSchema,
        ),
      })),
    );
    return { ...snapshot(jobId, entry), stats: checkpointStats(entry, vertices) };
  }

  /** Checkpoint statistics, or undefined for a job that does not checkpoint (Flink: 404). */
  private async checkpointStats(jobId: string): Promise<FlinkCheckpointingStats | undefined> {
    try {
      return await this.client.get(`${jobPath(jobId)}/checkpoints`, CheckpointingStatsSchema);
    } catch (error) {
      if (error instanceof WeirError && error.code === 'NOT_FOUND') {
        // Either the job is unknown or it does not checkpoint: tell them apart.
        await this.details(jobId);
        return undefined;
      }
      throw error;
    }
  }

  private async requireCheckpointStats(jobId: string) {
    const stats = await this.checkpointStats(jobId);
    if (!stats) throw notFound(`checkpointing of job ${jobId} (it is not enabled)`);
    return stats;
  }

  /** The job's restarts so far; undefined when Flink no longer reports the metric. */
  private async restarts(jobId: string): Promise<number | undefined> {
    const values = await this.client.get(
      `${jobPath(jobId)}/metrics?get=numRestarts`,
      MetricValuesSchema,
    );
    const value = Number(values.find((metric) => metric.id === 'numRestarts')?.value);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
}
