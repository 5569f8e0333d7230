import type {
  ClusterOverview,
  DeadLetterEntry,
  Instance,
  JobDetail,
  JobSpec,
  JobStatus,
  JobSummary,
  Snapshot,
  SnapshotKind,
  WindowResult,
} from '@weir/shared';
import type { SnapshotPaths } from '../../checkpoint/paths.js';
import type { SnapshotHistory } from '../../checkpoint/snapshot-history.js';
import { findLatestValidCheckpoint } from '../../checkpoint/storage.js';
import { conflict, notFound } from '../../errors/weir-error.js';
import type { Logger } from '../../logging/logger.js';
import { RecentResultsSink } from '../../operators/recent-results-sink.js';
import { type CompletedSnapshot, JobRunner } from '../../runtime/job-runner.js';
import type { ClusterBackend } from '../cluster-backend.js';
import { VertexRates, vertexTotals } from './vertex-view.js';

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
  onSnapshotCompleted?: (jobId: string, snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (jobId: string, kind: SnapshotKind) => void;
}

interface RunningJob {
  runner: JobRunner;
  rates: VertexRates;
}

/** Runs jobs in this process: the embedded default behind the ClusterBackend interface. */
export class EmbeddedBackend implements ClusterBackend {
  private readonly jobs = new Map<string, RunningJob>();
  private readonly sampler: NodeJS.Timeout;

  constructor(private readonly deps: EmbeddedBackendDeps) {
    // Rates are derived from totals sampled once a second, off the record path.
    this.sampler = setInterval(() => {
      const now = deps.now();
      for (const job of this.jobs.values()) job.rates.sample(job.runner, now);
    }, 1000);
    this.sampler.unref();
  }

  /** Starts a job, restoring from its newest valid checkpoint if one exists. */
  async submit(spec: JobSpec): Promise<JobRunner> {
    const existing = this.jobs.get(spec.id);
    if (existing && existing.runner.status === 'RUNNING')
      throw conflict(`job ${spec.id} is already running`);
    const log = this.deps.logger.child({ job: spec.id });
    const recovery = await findLatestValidCheckpoint(this.deps.paths.checkpointsOf(spec.id));
    for (const skipped of recovery.skipped)
      log.warn({ dir: skipped.dir, defect: skipped.defect }, 'skipping invalid checkpoint');
    const lastRecorded = await this.highestRecordedId(spec.id);
    const runner = new JobRunner(spec, {
      paths: this.deps.paths,
      history: this.deps.history,
      logger: this.deps.logger,
      now: this.deps.now,
      onStatusChange: (status) => {
        this.deps.jobs
          .setJobStatus(spec.id, status)
          .catch((err: unknown) => log.error({ err }, 'could not record job status'));
      },
      onSnapshotCompleted: (snapshot) => this.deps.onSnapshotCompleted?.(spec.id, snapshot),
      onSnapshotFailed: (kind) => this.deps.onSnapshotFailed?.(spec.id, kind),
    });
    for (const skipped of recovery.skipped) {
      runner.exceptions.push({
        at: new Date(this.deps.now()).toISOString(),
        message: `recovery skipped ${skipped.message}`,
        stack: null,
      });
    }
    await this.deps.jobs.upsertJob({ id: spec.id, name: spec.name, status: 'CREATED', spec });
    this.jobs.set(spec.id, { runner, rates: new VertexRates() });
    // Ids continue above everything seen on disk or in history, so no id is ever reused.
    runner.start({
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

  private job(jobId: string): RunningJob {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`job ${jobId}`);
    return job;
  }

  async overview(): Promise<ClusterOverview> {
    const runners = [...this.jobs.values()].map((job) => job.runner);
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

  private summary(runner: JobRunner): JobSummary {
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
      deadLetters: runner.deadLetters.total,
    };
  }

  async listJobs(): Promise<JobSummary[]> {
    return [...this.jobs.values()].map((job) => this.summary(job.runner));
  }

  async getJob(jobId: string): Promise<JobDetail> {
    const { runner, rates } = this.job(jobId);
    return { ...this.summary(runner), vertices: rates.vertices(runner), edges: runner.plan.edges };
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
    const { runner } = this.job(jobId);
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
    const { runner } = this.job(jobId);
    const sinks = runner.nodes
      .map((n) => n.operator)
      .filter((op) => op instanceof RecentResultsSink);
    return sinks
      .flatMap((sink) => sink.recent(limit) as WindowResult[])
      .sort((a, b) => b.windowEnd - a.windowEnd || a.key.localeCompare(b.key))
      .slice(0, limit);
  }

  async deadLetters(jobId: string, limit: number): Promise<DeadLetterEntry[]> {
    return this.job(jobId).runner.deadLetters.recent(limit);
  }

  vertexCounters() {
    return [...this.jobs.values()].flatMap(({ runner }) =>
      vertexTotals(runner).map((t) => ({
        job: runner.spec.id,
        vertex: t.vertexId,
        recordsIn: t.recordsIn,
        recordsOut: t.recordsOut,
        deadLetters: runner.deadLetters.countFor(t.vertexId),
      })),
    );
  }

  async close(): Promise<void> {
    clearInterval(this.sampler);
    await Promise.all([...this.jobs.values()].map((job) => job.runner.cancel()));
  }
}
