import type {
  CheckpointCounts,
  ClusterOverview,
  DeadLetterEntry,
  FlinkJobDetail,
  JobDetail,
  JobException,
  JobOperation,
  JobSummary,
  RestoreCheck,
  SavepointTriggerStatus,
  Snapshot,
  SnapshotKind,
  VertexLoadHistory,
  WindowResult,
} from '@weir/contract';
import { notFound, WeirError } from '../../errors/weir-error.js';
import type { JobMetrics } from '../../metrics/engine-metrics.js';
import type { ClusterBackend } from '../cluster-backend.js';
import { clusterOverview } from './cluster-overview.js';
import { FlinkRestClient, type FlinkRestClientOptions } from './flink-rest-client.js';
import {
  CheckpointEntrySchema,
  CheckpointingStatsSchema,
  CheckpointSubtasksSchema,
  ConfigEntriesSchema,
  ExceptionsSchema,
  type FlinkCheckpointingStats,
  JobDetailsSchema,
  JobsOverviewSchema,
  MetricValuesSchema,
  OverviewSchema,
} from './flink-schemas.js';
import { jobExceptions } from './job-exceptions.js';
import { jobDetail, jobSummary } from './job-summary.js';
import {
  checkpointCounts,
  checkpointStats,
  snapshot,
  snapshotHistory,
  snapshotKind,
} from './snapshots.js';

export interface FlinkRestBackendOptions extends FlinkRestClientOptions {
  /** The name the cluster is registered under; the overview's `clusterId`. */
  clusterId: string;
}

/** Flink job ids are 16 bytes in hex. */
const FLINK_JOB_ID = /^[0-9a-f]{32}$/;
/** Calls made at once for the jobs list (three per job). */
const LIST_CONCURRENCY = 4;

const notSupported = (what: string) =>
  new WeirError('INVALID_ARGUMENT', `${what} is not supported for Flink clusters yet`, {
    domain: 'user',
  });

/**
 * A Flink cluster driven over its REST API (issue 18): the read side so far (overview, jobs and
 * their topology, checkpoints, exceptions). Every call is bounded in time (`timeoutMs`) and an
 * unreachable cluster is a retriable UNAVAILABLE error naming it. Actions not written yet throw
 * a clear "not supported for Flink clusters yet".
 *
 * Nothing runs in this process: leadership has nothing to recover or suspend here, and Flink's
 * job metrics are not exported through Weir's /metrics (Flink has its own reporters).
 */
export class FlinkRestBackend implements ClusterBackend {
  readonly client: FlinkRestClient;
  readonly clusterId: string;

  constructor(options: FlinkRestBackendOptions) {
    this.client = new FlinkRestClient(options);
    this.clusterId = options.clusterId;
  }

  async overview(): Promise<ClusterOverview> {
    const [overview, config] = await Promise.all([
      this.client.get('/overview', OverviewSchema),
      this.client.get('/jobmanager/config', ConfigEntriesSchema),
    ]);
    const settings = new Map(config.map((entry) => [entry.key, entry.value]));
    return clusterOverview(this.clusterId, this.client.restUrl, overview, settings);
  }

  async listJobs(): Promise<JobSummary[]> {
    const { jobs } = await this.client.get('/jobs/overview', JobsOverviewSchema);
    const summaries = await mapLimited(jobs, LIST_CONCURRENCY, async (job) => {
      const [details, checkpoints, restarts] = await Promise.all([
        this.client.get(jobPath(job.jid), JobDetailsSchema),
        this.checkpointStats(job.jid),
        this.restarts(job.jid),
      ]);
      return jobSummary(job, { details, checkpoints, restarts });
    });
    return summaries.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  }

  /**
   * ClusterBackend's job detail carries the Weir job spec the job runs; a Flink job runs a jar,
   * so it has none. `jobDetail` gives the job with its topology meanwhile.
   */
  async getJob(jobId: string): Promise<JobDetail> {
    await this.jobDetail(jobId);
    throw notSupported(
      'The job detail with a Weir job spec (use the Flink job detail: a Flink job runs a jar, not a spec)',
    );
  }

  /** The job with its topology from the plan: vertices, chained operators, edges. */
  async jobDetail(jobId: string): Promise<FlinkJobDetail> {
    const [details, checkpoints, restarts] = await Promise.all([
      this.client.get(jobPath(jobId), JobDetailsSchema),
      this.checkpointStats(jobId),
      this.restarts(jobId),
    ]);
    return jobDetail(details, { checkpoints, restarts });
  }

  /** Newest first, from Flink's recent history (its newest `web.checkpoints.history`, 10). */
  async listCheckpoints(jobId: string, limit: number): Promise<Snapshot[]> {
    const stats = await this.requireCheckpointStats(jobId);
    return snapshotHistory(jobId, stats, 'CHECKPOINT', limit);
  }

  /** Newest first, from Flink's recent history, like `listCheckpoints`. */
  async listSavepoints(jobId: string, limit: number): Promise<Snapshot[]> {
    const stats = await this.requireCheckpointStats(jobId);
    return snapshotHistory(jobId, stats, 'SAVEPOINT', limit);
  }

  async getSnapshot(jobId: string, kind: SnapshotKind, checkpointId: number): Promise<Snapshot> {
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

  async checkpointCounts(jobId: string): Promise<CheckpointCounts> {
    const stats = await this.checkpointStats(jobId);
    return stats ? checkpointCounts(stats) : { completed: 0, failed: 0, inProgress: 0 };
  }

  async exceptions(jobId: string): Promise<JobException[]> {
    const [history, details] = await Promise.all([
      this.client.get(`${jobPath(jobId)}/exceptions`, ExceptionsSchema),
      this.client.get(jobPath(jobId), JobDetailsSchema),
    ]);
    return jobExceptions(history.exceptionHistory.entries, details.vertices);
  }

  /** Checkpoint statistics, or undefined for a job that does not checkpoint (Flink: 404). */
  private async checkpointStats(jobId: string): Promise<FlinkCheckpointingStats | undefined> {
    try {
      return await this.client.get(`${jobPath(jobId)}/checkpoints`, CheckpointingStatsSchema);
    } catch (error) {
      if (error instanceof WeirError && error.code === 'NOT_FOUND') {
        // Either the job is unknown or it does not checkpoint: tell them apart.
        await this.client.get(jobPath(jobId), JobDetailsSchema);
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

  // Leadership and Prometheus: nothing of a Flink cluster runs in this process.

  async recoverJobs(): Promise<string[]> {
    return [];
  }

  async suspendAll(): Promise<void> {}

  jobMetrics(): JobMetrics[] {
    return [];
  }

  async close(): Promise<void> {}

  // Not written yet (later slices of issue 18).

  async submitJob(): Promise<JobSummary> {
    throw notSupported('Submitting a Weir job spec');
  }

  async vertexLoadHistory(): Promise<VertexLoadHistory> {
    throw notSupported('Vertex load history');
  }

  async triggerSavepoint(): Promise<Snapshot> {
    throw notSupported('Triggering a savepoint');
  }

  async savepointStatus(): Promise<SavepointTriggerStatus> {
    throw notSupported('Savepoint status');
  }

  async disposeSavepoint(): Promise<Snapshot> {
    throw notSupported('Disposing of a savepoint');
  }

  async recentResults(): Promise<WindowResult[]> {
    throw notSupported('Recent window results');
  }

  async deadLetters(): Promise<DeadLetterEntry[]> {
    throw notSupported('Dead letters');
  }

  async cancel(): Promise<JobSummary> {
    throw notSupported('Cancelling a job');
  }

  async stopWithSavepoint(): Promise<Snapshot> {
    throw notSupported('Stop with savepoint');
  }

  async restoreCheck(): Promise<RestoreCheck> {
    throw notSupported('Checking a restore');
  }

  async restore(): Promise<JobOperation> {
    throw notSupported('Restoring a job');
  }

  async rescale(): Promise<JobOperation> {
    throw notSupported('Rescaling a job');
  }

  async operation(): Promise<JobOperation> {
    throw notSupported('Job operations');
  }

  async listOperations(): Promise<JobOperation[]> {
    throw notSupported('Job operations');
  }
}

/** `/jobs/<id>`; an id Flink could not have issued is unknown here, without asking. */
function jobPath(jobId: string): string {
  if (!FLINK_JOB_ID.test(jobId)) throw notFound(`job ${jobId}`);
  return `/jobs/${jobId}`;
}

/** `fn` over `items`, at most `limit` at a time, results in the items' order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
