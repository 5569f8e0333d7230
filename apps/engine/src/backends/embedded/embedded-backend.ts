import type {
  ClusterOverview,
  DeadLetterEntry,
  Instance,
  JobException,
  JobDetail,
  JobSpec,
  JobStatus,
  JobSummary,
  Snapshot,
  SnapshotKind,
  Vertex,
  WindowResult,
} from '@weir/shared';
import type { SnapshotPaths } from '../../checkpoint/paths.js';
import type { SnapshotHistory } from '../../checkpoint/snapshot-history.js';
import { findLatestValidCheckpoint } from '../../checkpoint/storage.js';
import { conflict, notFound } from '../../errors/weir-error.js';
import { prepareJobSpec } from '../../jobs/prepare-job-spec.js';
import type { Logger } from '../../logging/logger.js';
import { type CompletedSnapshot, JobMaster } from '../../runtime/job-master.js';
import type { ClusterBackend } from '../cluster-backend.js';

export interface SnapshotHistoryStore extends SnapshotHistory {
  list(query: { jobId: string; kind: SnapshotKind; limit: number }): Promise<Snapshot[]>;
}

export interface JobStore {
  upsertJob(job: { id: string; name: string; status: string; spec: JobSpec }): Promise<unknown>;
  setJobStatus(id: string, status: JobStatus): Promise<unknown>;
}

export interface EmbeddedBackendDeps {
  clusterId: string;
  instance: Instance;
  paths: SnapshotPaths;
  history: SnapshotHistoryStore;
  jobs: JobStore;
  logger: Logger;
  now: () => number;
  operatorsDir?: string | null;
  onSnapshotCompleted?: (jobId: string, snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (jobId: string, kind: SnapshotKind, reason: string) => void;
}

/** Runs jobs in this process: the embedded default behind the ClusterBackend interface. */
export class EmbeddedBackend implements ClusterBackend {
  private readonly jobs = new Map<string, JobMaster>();

  constructor(private readonly deps: EmbeddedBackendDeps) {}

  /** Starts a job, restoring from its newest valid checkpoint if one exists. */
  async submit(submitted: JobSpec): Promise<JobMaster> {
    const spec = await prepareJobSpec(submitted, { now: this.deps.now, operatorsDir: this.deps.operatorsDir ?? null });
    const existing = this.jobs.get(spec.id);
    if (existing && existing.status === 'RUNNING')
      throw conflict(`job ${spec.id} is already running`);
    const log = this.deps.logger.child({ job: spec.id });
    const recovery = await findLatestValidCheckpoint(this.deps.paths.checkpointsOf(spec.id));
    for (const skipped of recovery.skipped)
      log.warn({ dir: skipped.dir, defect: skipped.defect }, 'skipping invalid checkpoint');
    const lastRecorded = await this.highestRecordedId(spec.id);
    const runner = new JobMaster(spec, {
      paths: this.deps.paths,
      history: this.deps.history,
      logger: this.deps.logger,
      now: this.deps.now,
      operatorsDir: this.deps.operatorsDir ?? null,
      onStatusChange: (status) => {
        this.deps.jobs
          .setJobStatus(spec.id, status)
          .catch((err: unknown) => log.error({ err }, 'could not record job status'));
      },
      onSnapshotCompleted: (snapshot) => this.deps.onSnapshotCompleted?.(spec.id, snapshot),
      onSnapshotFailed: (kind, reason) => this.deps.onSnapshotFailed?.(spec.id, kind, reason),
    });
    for (const skipped of recovery.skipped) {
      runner.exceptions.push({
        at: new Date(this.deps.now()).toISOString(),
        vertexId: null,
        subtaskIndex: null,
        message: `recovery skipped ${skipped.message}`,
        stack: null,
      });
    }
    await this.deps.jobs.upsertJob({ id: spec.id, name: spec.name, status: 'CREATED', spec });
    this.jobs.set(spec.id, runner);
    // Ids continue above everything seen on disk or in history, so no id is ever reused.
    await runner.start({
      restore: recovery.snapshot,
      firstCheckpointId: Math.max(recovery.highestSeenId, lastRecorded) + 1,
    });
    return runner;
  }

  private async highestRecordedId(jobId: string): Promise<number> {
    const [checkpoint] = await this.deps.history.list({ jobId, kind: 'CHECKPOINT', limit: 1 });
    const [savepoint] = await this.deps.history.list({ jobId, kind: 'SAVEPOINT', limit: 1 });
    return Math.max(checkpoint?.checkpointId ?? 0, savepoint?.checkpointId ?? 0);
  }

  private job(jobId: string): JobMaster {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`job ${jobId}`);
    return job;
  }

  async overview(): Promise<ClusterOverview> {
    const runners = [...this.jobs.values()];
    return {
      clusterId: this.deps.clusterId,
      haMode: 'embedded',
      leader: this.deps.instance,
      instances: [this.deps.instance],
      jobs: {
        running: runners.filter((r) => r.status === 'RUNNING').length,
        total: runners.length,
      },
    };
  }

  private summary(runner: JobMaster): JobSummary {
    return {
      id: runner.spec.id,
      name: runner.spec.name,
      status: runner.status,
      parallelism: runner.spec.parallelism,
      startedAt: runner.startedAt?.toISOString() ?? null,
      restoredFrom: runner.restoredFrom,
      lastCompletedCheckpointAt: runner.lastCompleted
        ? new Date(
            runner.lastCompleted.triggeredAt.getTime() + runner.lastCompleted.durationMs,
          ).toISOString()
        : null,
      deadLetters: runner.vertices().reduce((sum, v) => sum + v.metrics.deadLetters, 0),
      restarts: runner.restarts,
    };
  }

  async listJobs(): Promise<JobSummary[]> {
    return [...this.jobs.values()].map((job) => this.summary(job));
  }

  async getJob(jobId: string): Promise<JobDetail> {
    const runner = this.job(jobId);
    return { ...this.summary(runner), vertices: runner.vertices(), edges: runner.plan.edges };
  }

  async listCheckpoints(jobId: string, limit: number): Promise<Snapshot[]> {
    this.job(jobId);
    return this.deps.history.list({ jobId, kind: 'CHECKPOINT', limit });
  }

  async listSavepoints(jobId: string, limit: number): Promise<Snapshot[]> {
    this.job(jobId);
    return this.deps.history.list({ jobId, kind: 'SAVEPOINT', limit });
  }

  async triggerSavepoint(jobId: string): Promise<Snapshot> {
    const runner = this.job(jobId);
    if (runner.status !== 'RUNNING')
      throw conflict(`job ${jobId} is ${runner.status}; savepoints need a RUNNING job`);
    const done = await runner.requestSavepoint();
    return {
      jobId,
      checkpointId: done.checkpointId,
      kind: 'SAVEPOINT',
      status: 'COMPLETED',
      triggeredAt: done.triggeredAt.toISOString(),
      durationMs: done.durationMs,
      sizeBytes: done.sizeBytes,
      path: done.path,
      failureReason: null,
    };
  }

  async recentResults(jobId: string, limit: number): Promise<WindowResult[]> {
    return (this.job(jobId).recentResults() as WindowResult[])
      .slice()
      .sort((a, b) => b.windowEnd - a.windowEnd || a.key.localeCompare(b.key))
      .slice(0, limit);
  }

  async deadLetters(jobId: string, limit: number): Promise<DeadLetterEntry[]> {
    return this.job(jobId).deadLetters.recent(limit);
  }

  async exceptions(jobId: string): Promise<JobException[]> {
    return [...this.job(jobId).exceptions].reverse();
  }

  /** Every job's vertices with their metrics, read by the Prometheus collectors at scrape time. */
  jobVertices(): Array<{ job: string; vertices: Vertex[] }> {
    return [...this.jobs.values()].map((job) => ({ job: job.spec.id, vertices: job.vertices() }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.cancel()));
  }
}
