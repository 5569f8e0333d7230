import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
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
import type { DeadLetterPublisher } from '../../checkpoint/dead-letter-outbox.js';
import { checkRestore } from '../../checkpoint/restore-check.js';
import type { SnapshotPaths } from '../../checkpoint/storage/paths.js';
import { type LoadedSnapshot, readSnapshot } from '../../checkpoint/storage/storage.js';
import { DEFAULTS } from '../../config/defaults.js';
import type { JobTimeline } from '../../db/job-timeline.js';
import { conflict, invalidArgument, notFound } from '../../errors/weir-error.js';
import type { JobHa } from '../../ha/job-ha.js';
import { checkCapacity, type JobCapacity } from '../../jobs/capacity.js';
import { prepareJobSpec } from '../../jobs/prepare-job-spec.js';
import { withParallelism } from '../../jobs/with-parallelism.js';
import type { Logger } from '../../logging/logger.js';
import type { JobMetrics } from '../../metrics/engine-metrics.js';
import { type CompletedSnapshot, JobMaster } from '../../runtime/job-master.js';
import { isTerminal } from '../../runtime/job-status.js';
import { jobPlan } from '../../runtime/planned-vertices.js';
import type { ClusterBackend } from '../cluster-backend.js';
import type { LeaderJobs } from '../leader-jobs.js';
import { replayIntoSource } from './input-replay.js';
import { JobGraphWrites } from './job-graph-writes.js';
import { exceptionsOf, jobRunEvents } from './job-run-events.js';
import { summarize } from './job-summary.js';
import { JobUpgrades } from './job-upgrades.js';
import { type JobVersions, MemoryJobVersions } from './job-versions.js';
import { nextCheckpointId } from './next-checkpoint-id.js';
import { OperationLog, operationEvent } from './operation-log.js';
import { planRestore, withoutDroppedState } from './restore-plan.js';
import { completedSavepoint, SavepointTriggers } from './savepoint-triggers.js';
import type { JobStore, SnapshotHistoryStore } from './stores.js';

export interface EmbeddedBackendDeps {
  clusterId: string;
  ha: JobHa;
  /** HA mode, leader and instances, as the election and registry see them. */
  cluster: () => Promise<
    Pick<ClusterOverview, 'haMode' | 'leader' | 'instances' | 'leaderChanges'>
  >;
  paths: SnapshotPaths;
  history: SnapshotHistoryStore;
  jobs: JobStore;
  logger: Logger;
  now: () => number;
  operatorsDir?: string | null;
  /** The folder every file a job writes must lie under (file sinks' paths). */
  fileSinkRoot: string;
  /** The folder every secret file a job names must lie under (Kafka passwords, CA files). */
  secretsDir: string;
  /** Worker threads and key groups one job may have here; absent: the engine's defaults. */
  capacity?: JobCapacity;
  /** Jobs' timelines: what happened to each job here, kept past failover and restart. */
  timeline: JobTimeline;
  onSnapshotCompleted?: (jobId: string, snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (jobId: string, kind: SnapshotKind, reason: string) => void;
  /** Every spec each job ran; in memory when not given. */
  versions?: JobVersions;
  /** Where dead letters are kept once the checkpoint covering them commits. */
  deadLetters?: DeadLetterPublisher;
}

/** Runs jobs in this process: the embedded default behind the ClusterBackend interface. */
export class EmbeddedBackend implements ClusterBackend, LeaderJobs {
  private readonly jobs = new Map<string, JobMaster>();
  private readonly operations: OperationLog;
  private readonly savepointTriggers = new SavepointTriggers();
  private readonly graphs: JobGraphWrites;
  private readonly versions: JobVersions;
  private readonly upgrades: JobUpgrades;

  constructor(private readonly deps: EmbeddedBackendDeps) {
    this.graphs = new JobGraphWrites(deps.ha, deps.logger);
    this.operations = new OperationLog(deps.now, (op) =>
      deps.timeline.record(op.jobId, 'operation', operationEvent(op)),
    );
    this.versions = deps.versions ?? new MemoryJobVersions();
    this.upgrades = new JobUpgrades({
      master: (jobId) => this.jobToAct(jobId),
      prepare: (spec) => this.prepare(spec),
      launch: (spec, snapshot, highestSeenId) => this.launch(spec, snapshot, [], highestSeenId),
      latestCheckpoint: (jobId) => this.deps.ha.checkpointHa(jobId, 1).recover(),
      versions: this.versions,
      operations: this.operations,
      record: (jobId, message) => deps.timeline.record(jobId, 'operation', message),
      now: deps.now,
    });
  }

  private get capacity(): JobCapacity {
    return this.deps.capacity ?? DEFAULTS.jobCapacity;
  }

  /** Starts a job, restoring from its newest valid checkpoint if one exists. */
  async submit(submitted: JobSpec): Promise<JobMaster> {
    this.deps.ha.leader.assertLeader();
    const spec = await this.prepare(submitted);
    const existing = this.jobs.get(spec.id);
    if (existing && !isTerminal(existing.status))
      throw conflict(`job ${spec.id} is already ${existing.status}`);
    // Recovery never starts ids, so where they would start does not matter here.
    const recovery = await this.deps.ha.checkpointHa(spec.id, 1).recover();
    const notes = recovery.skipped.map((skipped) => `recovery skipped ${skipped.message}`);
    return this.launch(spec, recovery.snapshot, notes, recovery.highestSeenId);
  }

  /** A new leader's takeover: runs every job the cluster had running, from its checkpoints. */
  async recoverJobs(): Promise<string[]> {
    const recovered: string[] = [];
    for (const spec of await this.deps.ha.jobGraphs.list()) {
      const existing = this.jobs.get(spec.id);
      if (existing && !isTerminal(existing.status)) continue;
      await this.submit(spec);
      this.deps.timeline.record(spec.id, 'leader', 'recovered by a new leader');
      recovered.push(spec.id);
    }
    return recovered;
  }

  /** Leadership is gone: stop every job here without ending it for the cluster. */
  async suspendAll(): Promise<void> {
    const masters = [...this.jobs.values()];
    this.jobs.clear();
    await Promise.all(masters.map((master) => master.suspend()));
  }

  /** Starts the job and records its spec as a new version when it differs from the newest. */
  async submitJob(spec: JobSpec, author = 'engine'): Promise<JobSummary> {
    const master = await this.submit(spec);
    await this.upgrades.recordSubmit(master, author);
    return summarize(master);
  }

  /**
   * Newest first. Only reads: a job submitted before versions were kept has none until its
   * first upgrade records the spec it ran as version 1.
   */
  versionsOf(jobId: string): Promise<JobVersion[]> {
    return this.versions.list(jobId);
  }

  upgradeCheck(request: UpgradeCheckRequest): Promise<UpgradeCheck> {
    return this.upgrades.check(request);
  }

  upgrade(request: UpgradeRequest, author: string): Promise<JobOperation> {
    return this.upgrades.upgrade({ ...request, author });
  }

  rollback(request: RollbackRequest, author: string): Promise<JobOperation> {
    return this.upgrades.rollback(request, author);
  }

  async planJob(spec: JobSpec): Promise<JobPlan> {
    return jobPlan(await this.prepare(spec));
  }

  private prepare(spec: JobSpec): Promise<JobSpec> {
    checkCapacity(spec, this.capacity);
    return prepareJobSpec(spec, {
      now: this.deps.now,
      operatorsDir: this.deps.operatorsDir ?? null,
      fileSinkRoot: this.deps.fileSinkRoot,
      secretsDir: this.deps.secretsDir,
    });
  }

  /** Runs `spec` from `restore` (or empty); ids continue above every id seen, never reused. */
  private async launch(
    spec: JobSpec,
    restore: LoadedSnapshot | null,
    notes: string[],
    highestSeenId: number,
  ): Promise<JobMaster> {
    const log = this.deps.logger.child({ job: spec.id });
    for (const note of notes) log.warn(note);
    const firstId = await nextCheckpointId(spec.id, highestSeenId, this.deps);
    const events = jobRunEvents(this.deps.timeline, spec.id);
    const master = new JobMaster(spec, {
      paths: this.deps.paths,
      checkpointHa: this.deps.ha.checkpointHa(spec.id, firstId),
      history: this.deps.history,
      deadLetters: this.deps.deadLetters,
      logger: this.deps.logger,
      now: this.deps.now,
      operatorsDir: this.deps.operatorsDir ?? null,
      onStatusChange: (status, from) => {
        // A suspended job is the new leader's now: its status row is not ours to write.
        if (status === 'SUSPENDED') return;
        events.statusChanged(status, from);
        this.deps.jobs
          .setJobStatus(spec.id, status)
          .catch((err: unknown) => log.error({ err }, 'could not record job status'));
      },
      onException: events.exception,
      onSnapshotCompleted: (snapshot) => {
        events.snapshotCompleted(snapshot);
        this.deps.onSnapshotCompleted?.(spec.id, snapshot);
      },
      onSnapshotFailed: (kind, reason) => {
        events.snapshotFailed(kind, reason);
        this.deps.onSnapshotFailed?.(spec.id, kind, reason);
      },
    });
    for (const message of notes) master.recordException(message);
    if (notes.length > 0) master.recoveryFallbacks += 1;
    await this.graphs.put(spec);
    await this.deps.jobs.upsertJob({ id: spec.id, name: spec.name, status: 'CREATED', spec });
    this.jobs.set(spec.id, master);
    this.graphs.forgetWhenEnded(master);
    await master.start({ restore });
    return master;
  }

  /** What restoring `snapshotPath` into the job (at an optional new parallelism) would do. */
  async restoreCheck(request: RestoreRequest): Promise<RestoreCheck> {
    const { spec, snapshot } = await planRestore(
      request,
      this.job(request.jobId).spec,
      this.deps.paths,
    );
    return checkRestore(snapshot.manifest, spec, {
      allowNonRestoredState: request.allowNonRestoredState,
    });
  }

  /**
   * Restores the job from a snapshot: checks first and refuses with the check's reasons,
   * then cancels the running job and starts it again from the snapshot.
   */
  restore(request: RestoreRequest): Promise<JobOperation> {
    this.jobToAct(request.jobId);
    return this.operations.run(request.jobId, 'restore', async (phase) => {
      phase('CHECKING');
      const { spec, snapshot } = await planRestore(
        request,
        this.job(request.jobId).spec,
        this.deps.paths,
      );
      const check = checkRestore(snapshot.manifest, spec, {
        allowNonRestoredState: request.allowNonRestoredState,
      });
      if (!check.ok) throw invalidArgument(`restore refused: ${check.problems.join('; ')}`);
      phase('CANCELLING');
      await this.jobToAct(request.jobId).cancel();
      phase('RESTORING');
      await this.launch(
        await this.prepare(spec),
        withoutDroppedState(snapshot, check),
        [],
        snapshot.manifest.checkpointId,
      );
      return { snapshotPath: snapshot.dir };
    });
  }

  /** Rescale: stop with a savepoint, then restore from it at the new parallelism. */
  async rescale(request: RescaleRequest): Promise<JobOperation> {
    const master = this.jobToAct(request.jobId);
    // Refused up front, before the job is stopped: a bad parallelism must cost nothing.
    const spec = withParallelism(master.spec, request.parallelism, request.vertexParallelism);
    checkCapacity(spec, this.capacity);
    return this.operations.run(request.jobId, 'rescale', async (phase) => {
      phase('TAKING_SAVEPOINT');
      const savepoint = await master.stopWithSavepoint({ drain: false });
      phase('RESTORING');
      const snapshot = await readSnapshot(savepoint.path);
      await this.launch(spec, snapshot, [], savepoint.checkpointId);
      return { snapshotPath: savepoint.path };
    });
  }

  /**
   * An operator's cancel: the job stops where it is. Its checkpoints stay on disk unless the
   * job says `retainOnCancel: false` (restores and rescales stop jobs without this).
   */
  async cancel(jobId: string): Promise<JobSummary> {
    const master = this.jobToAct(jobId);
    if (isTerminal(master.status)) throw conflict(`job ${jobId} is already ${master.status}`);
    await master.cancel();
    if (!master.spec.checkpointing.retainOnCancel) {
      await rm(this.deps.paths.checkpointsOf(jobId), { recursive: true, force: true });
    }
    return summarize(master);
  }

  async stopWithSavepoint(jobId: string, drain: boolean): Promise<Snapshot> {
    const done = await this.jobToAct(jobId).stopWithSavepoint({ drain });
    return completedSavepoint(jobId, done);
  }

  async operation(operationId: string): Promise<JobOperation> {
    return this.operations.get(operationId);
  }

  async listOperations(jobId: string): Promise<JobOperation[]> {
    this.job(jobId);
    return this.operations.ofJob(jobId);
  }

  /** A job this instance runs, for an action on it: only the leader acts on jobs. */
  private jobToAct(jobId: string): JobMaster {
    this.deps.ha.leader.assertLeader();
    return this.job(jobId);
  }

  private job(jobId: string): JobMaster {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`job ${jobId}`);
    return job;
  }

  async overview(): Promise<ClusterOverview> {
    const runners = [...this.jobs.values()];
    const recorded = this.deps.ha.leader.isLeader() ? undefined : this.deps.jobs.counts?.();
    return {
      clusterId: this.deps.clusterId,
      ...(await this.deps.cluster()),
      jobs: recorded
        ? await recorded
        : {
            running: runners.filter((r) => r.status === 'RUNNING').length,
            total: runners.length,
          },
    };
  }

  async listJobs(): Promise<JobSummary[]> {
    return [...this.jobs.values()].map((job) => summarize(job));
  }

  async getJob(jobId: string): Promise<JobDetail> {
    const runner = this.job(jobId);
    return {
      ...summarize(runner),
      maxParallelism: runner.spec.maxParallelism,
      vertices: runner.observed.vertices(),
      edges: runner.plan.edges,
      spec: runner.spec,
    };
  }

  async vertexLoadHistory(jobId: string, vertexId: string): Promise<VertexLoadHistory> {
    const runner = this.job(jobId);
    const vertex = runner.plan.vertices.find((v) => v.id === vertexId);
    if (!vertex) throw notFound(`vertex ${vertexId} of job ${jobId}`);
    return runner.observed.loadHistory.of(vertexId, vertex.parallelism);
  }

  async listCheckpoints(jobId: string, limit: number): Promise<Snapshot[]> {
    this.job(jobId);
    return this.deps.history.list({ jobId, kind: 'CHECKPOINT', limit });
  }

  async checkpointCounts(jobId: string): Promise<CheckpointCounts> {
    this.job(jobId);
    return this.deps.history.countByStatus({ jobId, kind: 'CHECKPOINT' });
  }

  async getSnapshot(jobId: string, kind: SnapshotKind, checkpointId: number): Promise<Snapshot> {
    this.job(jobId);
    const found = await this.deps.history.get({ jobId, kind, checkpointId });
    if (!found) throw notFound(`${kind.toLowerCase()} ${checkpointId} of job ${jobId}`);
    return found;
  }

  async listSavepoints(jobId: string, limit: number): Promise<Snapshot[]> {
    this.job(jobId);
    return this.deps.history.list({ jobId, kind: 'SAVEPOINT', limit });
  }

  async triggerSavepoint(jobId: string, triggerId: string = randomUUID()): Promise<Snapshot> {
    const runner = this.jobToAct(jobId);
    return this.savepointTriggers.run(jobId, triggerId, async () => {
      if (runner.status !== 'RUNNING')
        throw conflict(`job ${jobId} is ${runner.status}; savepoints need a RUNNING job`);
      return completedSavepoint(jobId, await runner.requestSavepoint());
    });
  }

  /** Deletes a savepoint's files; its history row stays, marked disposed. */
  async disposeSavepoint(jobId: string, checkpointId: number): Promise<Snapshot> {
    this.deps.ha.leader.assertLeader();
    const savepoint = await this.getSnapshot(jobId, 'SAVEPOINT', checkpointId);
    if (savepoint.disposedAt)
      throw conflict(`savepoint ${checkpointId} of job ${jobId} was already disposed of`);
    if (savepoint.status !== 'COMPLETED' || !savepoint.path)
      throw conflict(
        `savepoint ${checkpointId} of job ${jobId} is ${savepoint.status}; only a completed one can be disposed of`,
      );
    await rm(savepoint.path, { recursive: true, force: true });
    await this.deps.history.markDisposed(
      { jobId, kind: 'SAVEPOINT', checkpointId },
      new Date(this.deps.now()),
    );
    this.deps.timeline.record(jobId, 'savepoint', `savepoint ${checkpointId} disposed of`);
    return this.getSnapshot(jobId, 'SAVEPOINT', checkpointId);
  }

  async savepointStatus(jobId: string, triggerId: string): Promise<SavepointTriggerStatus> {
    this.job(jobId);
    return this.savepointTriggers.status(jobId, triggerId);
  }

  async recentResults(jobId: string, limit: number): Promise<WindowResult[]> {
    return (this.job(jobId).observed.recentResults() as WindowResult[])
      .slice()
      .sort((a, b) => b.windowEnd - a.windowEnd || a.key.localeCompare(b.key))
      .slice(0, limit);
  }

  async replayInput(jobId: string, records: string[], source: string | undefined) {
    return replayIntoSource(this.job(jobId).spec, records, source);
  }

  /** From the timeline: failures from before a failover, also of a job that ended before. */
  exceptions(jobId: string): Promise<JobException[]> {
    return exceptionsOf(this.deps.timeline, jobId);
  }

  /** Every job's status, restarts and vertex metrics, read by the Prometheus collectors at scrape time. */
  jobMetrics(): JobMetrics[] {
    return [...this.jobs.values()].map((job) => ({
      job: job.spec.id,
      status: job.status,
      restarts: job.restarts,
      recoveryFallbacks: job.recoveryFallbacks,
      vertices: job.observed.vertices(),
    }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.cancel()));
  }
}
