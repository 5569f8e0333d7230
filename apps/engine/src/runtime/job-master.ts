import type {
  CheckpointFailureReason,
  JobException,
  JobSpec,
  JobStatus,
  SnapshotKind,
} from '@weir/shared';
import {
  CheckpointCoordinator,
  type CompletedSnapshot,
} from '../checkpoint/checkpoint-coordinator.js';
import type { CheckpointHa } from '../checkpoint/checkpoint-ha.js';
import type { SnapshotPaths } from '../checkpoint/paths.js';
import { restoreAssignment } from '../checkpoint/restore-assignment.js';
import type { SnapshotHistory } from '../checkpoint/snapshot-history.js';
import type { LoadedSnapshot } from '../checkpoint/storage.js';
import { type JobGraphPlan, planJobGraph } from '../core/job-graph.js';
import type { WorkerReport } from '../core/messages.js';
import { RingBuffer } from '../core/ring-buffer.js';
import { conflict } from '../errors/weir-error.js';
import type { Logger } from '../logging/logger.js';
import { planDeployment } from './execution/deployment.js';
import { startWorkers, type WorkerPool } from './execution/worker-pool.js';
import { JobObservations } from './job-observations.js';
import { isTerminal, JobStatusMachine } from './job-status.js';
import { decideRestart } from './restart-strategy.js';
import { SlotNotifications } from './slot-notifications.js';

export type { CompletedSnapshot } from '../checkpoint/checkpoint-coordinator.js';

/** How many entries a job's exceptions history keeps (Flink's web UI keeps 16). */
const EXCEPTION_HISTORY_SIZE = 100;

export interface JobMasterDeps {
  paths: SnapshotPaths;
  history: SnapshotHistory;
  logger: Logger;
  now: () => number;
  /**
   * Checkpoint ids, the fenced commit point and the recovery choice (embedded or ZooKeeper).
   * Without it the job checkpoints as a lone instance would: storage only, ids from `start`.
   */
  checkpointHa?: CheckpointHa;
  operatorsDir?: string | null;
  /** Records per channel batch and batches of credit per channel (flow-control window). */
  batchSize?: number;
  credits?: number;
  onStatusChange?: (status: JobStatus) => void;
  onSnapshotCompleted?: (snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (kind: SnapshotKind, reason: CheckpointFailureReason) => void;
}

/**
 * Runs one job across worker threads, like Flink's JobMaster: deploys subtasks to slots,
 * leaves checkpoints to its CheckpointCoordinator, restarts from the latest completed
 * checkpoint under the job's restart strategy, and keeps its exceptions history. What the
 * workers report about the running job (metrics, dead letters, results) goes to `observed`.
 */
export class JobMaster {
  readonly plan: JobGraphPlan;
  /**
   * The newest failures and recovery notes, oldest first. Bounded: a job crash-looping for
   * days would otherwise keep every stack, and the console polls this list.
   */
  readonly exceptions = new RingBuffer<JobException>(EXCEPTION_HISTORY_SIZE);
  /** Metrics, their history, dead letters and latest results, as the API shows them. */
  readonly observed: JobObservations;
  startedAt: Date | null = null;
  restoredFrom: string | null = null;
  restarts = 0;
  /** Recoveries that skipped an invalid newer checkpoint; an alert rule watches it. */
  recoveryFallbacks = 0;

  private readonly machine: JobStatusMachine;
  private readonly checkpoints: CheckpointCoordinator;
  private pool: WorkerPool | null = null;
  /** Set while a stop-with-savepoint runs: no periodic checkpoint may start meanwhile. */
  private stopping = false;
  private readonly notifications = new SlotNotifications();
  private readonly failureTimes: number[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private terminated!: Promise<void>;
  private resolveTerminated!: () => void;
  private readonly totalSubtasks: number;
  private readonly slots: number;

  constructor(
    readonly spec: JobSpec,
    private readonly deps: JobMasterDeps,
  ) {
    this.plan = planJobGraph(spec);
    this.observed = new JobObservations(this.plan);
    this.totalSubtasks = this.plan.vertices.reduce((sum, v) => sum + v.parallelism, 0);
    this.slots = Math.max(...this.plan.vertices.map((v) => v.parallelism));
    this.machine = new JobStatusMachine((from, to) => {
      deps.logger.info({ job: spec.id, from, to }, 'job status changed');
      deps.onStatusChange?.(to);
    });
    this.checkpoints = new CheckpointCoordinator({
      spec,
      plan: this.plan,
      paths: deps.paths,
      history: deps.history,
      logger: deps.logger,
      now: deps.now,
      ha: deps.checkpointHa,
      broadcast: (message) => this.pool?.broadcast(message),
      failJob: (message) => this.onFailure(null, null, message, null),
      onSnapshotCompleted: deps.onSnapshotCompleted,
      onSnapshotFailed: deps.onSnapshotFailed,
    });
    this.terminated = new Promise((resolve) => {
      this.resolveTerminated = resolve;
    });
  }

  get lastCompleted(): CompletedSnapshot | null {
    return this.checkpoints.lastCompleted;
  }

  get status(): JobStatus {
    return this.machine.status;
  }

  whenTerminated(): Promise<void> {
    return this.terminated;
  }

  /**
   * Deploys the job, restoring `restore` if given. Without HA services, checkpoint ids
   * continue from `firstCheckpointId`.
   */
  async start(options: {
    restore: LoadedSnapshot | null;
    firstCheckpointId?: number;
  }): Promise<void> {
    this.checkpoints.continueFrom(options.firstCheckpointId ?? 1);
    if (!(await this.deploy(options.restore, 'CREATED'))) return;
    this.machine.transition('RUNNING');
    this.scheduleTick();
  }

  /**
   * Starts a run's workers, restoring `restore` if given. False when the job left `expected`
   * while they started (leadership lost, cancelled): that stop found no workers to stop, so
   * these are terminated here, or the run would go on with nobody to stop it.
   */
  private async deploy(restore: LoadedSnapshot | null, expected: JobStatus): Promise<boolean> {
    const inits = planDeployment(this.spec, this.plan, {
      credits: this.deps.credits ?? 4,
      batchSize: this.deps.batchSize ?? 512,
      operatorsDir: this.deps.operatorsDir ?? null,
      ...restoreAssignment(this.spec, this.plan, restore),
    });
    this.observed.newRun();
    // Before the workers start: a subtask may report finished as soon as it started.
    this.checkpoints.beginRun(this.deps.now());
    const pool = await startWorkers(inits, {
      onReport: (slot, report) => this.onReport(slot, report),
      onCrash: (slot, error) =>
        this.onFailure(`slot ${slot}`, null, error.message, error.stack ?? null),
    });
    if (this.status !== expected) {
      await pool.terminate();
      return false;
    }
    this.pool = pool;
    this.startedAt = new Date(this.deps.now());
    if (restore) {
      this.restoredFrom = restore.dir;
      this.deps.logger.info(
        { job: this.spec.id, snapshot: restore.dir, checkpoint: restore.manifest.checkpointId },
        'restored state',
      );
    }
    return true;
  }

  private onReport(slot: number, report: WorkerReport): void {
    switch (report.t) {
      case 'ack':
        this.checkpoints.onAck(report);
        return;
      case 'metrics':
        this.observed.onMetrics(slot, report);
        return;
      case 'dead-letters':
        this.observed.onDeadLetters(report);
        return;
      case 'finished':
        this.checkpoints.onFinished(report);
        if (this.checkpoints.finishedSubtasks === this.totalSubtasks) void this.finish();
        return;
      case 'failed':
        this.onFailure(report.vertexId, report.subtaskIndex, report.message, report.stack);
        return;
      case 'decline':
        this.checkpoints.onDecline(report.checkpointId);
        return;
      case 'notified':
        if (report.leaseEnded) void this.renotify(slot, report.checkpointId);
        else this.notifications.record(report.checkpointId);
        return;
      case 'ready':
        return;
    }
  }

  /**
   * A slot's sinks found their lease over and wrote nothing of a completed checkpoint (this
   * instance was paused). If it still leads they get a fresh lease and write now; else its
   * successor restores the checkpoint and writes it.
   */
  private async renotify(slot: number, checkpointId: number): Promise<void> {
    this.deps.logger.warn(
      { job: this.spec.id, checkpoint: checkpointId, slot },
      'sinks found the leadership lease over (this process was paused): asking for a new one',
    );
    const leaseUntilMs = await this.checkpoints.renewLease(checkpointId);
    if (leaseUntilMs !== null) this.pool?.post(slot, { t: 'complete', checkpointId, leaseUntilMs });
  }

  private scheduleTick(): void {
    this.ticker = setInterval(
      () => {
        if (this.status === 'RUNNING' && !this.stopping) this.checkpoints.tick();
      },
      Math.max(10, Math.min(100, this.spec.checkpointing.intervalMs / 4)),
    );
  }

  /**
   * Stop-with-savepoint: sources stop right after the savepoint barrier (after advancing event
   * time to the end first if `drain`), the savepoint completes, sinks commit what it covers,
   * and the job ends FINISHED. A failure on the way fails the job over as any failure does.
   */
  async stopWithSavepoint(options: { drain: boolean }): Promise<CompletedSnapshot> {
    if (this.status !== 'RUNNING' || this.stopping)
      throw conflict(
        `job ${this.spec.id} is ${this.stopping ? 'already stopping' : this.status}, not RUNNING`,
      );
    this.stopping = true;
    try {
      const done = await this.checkpoints.stopWithSavepoint(options);
      const notified = await this.notifications.waitFor(done.checkpointId, this.slots).then(
        () => true,
        () => false,
      );
      // The run ended meanwhile (cancelled, failed over, leadership lost): that decides the
      // job's outcome, and the savepoint still stands.
      if (!notified) return done;
      await this.stopRun(new Error('job was stopped with a savepoint'));
      if (this.status !== 'RUNNING') return done; // cancelled meanwhile: the savepoint still stands
      this.machine.transition('FINISHED');
      this.resolveTerminated();
      return done;
    } finally {
      this.stopping = false;
    }
  }

  requestSavepoint(): Promise<CompletedSnapshot> {
    if (this.status !== 'RUNNING')
      return Promise.reject(conflict(`job ${this.spec.id} is ${this.status}, not RUNNING`));
    return this.checkpoints.requestSavepoint();
  }

  private onFailure(
    vertexId: string | null,
    subtaskIndex: number | null,
    message: string,
    stack: string | null,
  ): void {
    if (this.status !== 'RUNNING') return;
    const now = this.deps.now();
    this.recordException(message, { vertexId, subtaskIndex, stack });
    this.deps.logger.error(
      { job: this.spec.id, vertex: vertexId, subtask: subtaskIndex, error: message },
      'subtask failed',
    );
    this.machine.transition('FAILING');
    this.failureTimes.push(now);
    this.recover(now).catch((err: unknown) =>
      this.deps.logger.error({ job: this.spec.id, err }, 'recovery failed'),
    );
  }

  /**
   * Whether the job is still `status`, asked after a wait in which a stop may have come (a
   * method, so the compiler does not carry a comparison made before the wait past it).
   */
  private still(status: JobStatus): boolean {
    return this.machine.status === status;
  }

  private async recover(failedAt: number): Promise<void> {
    await this.stopRun(new Error('job failed'));
    // Leadership was lost while the run stopped: the suspension decided the outcome.
    if (!this.still('FAILING')) return;
    const decision = decideRestart(this.spec.restartStrategy, this.failureTimes, failedAt);
    if (!decision.restart) {
      this.recordException(`not restarting: ${decision.reason}`);
      this.machine.transition('FAILED');
      this.resolveTerminated();
      return;
    }
    this.machine.transition('RESTARTING');
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    if (!this.still('RESTARTING')) return;
    try {
      const recovery = await this.checkpoints.recover();
      // Cancelled or suspended while the checkpoint was read: no restart then.
      if (!this.still('RESTARTING')) return;
      if (recovery.skipped.length > 0) this.recoveryFallbacks += 1;
      for (const skipped of recovery.skipped)
        this.recordException(`recovery skipped ${skipped.message}`);
      if (!(await this.deploy(recovery.snapshot, 'RESTARTING'))) return;
      this.restarts += 1;
      this.machine.transition('RUNNING');
      this.scheduleTick();
    } catch (error) {
      this.onFailureDuringRestart(error as Error);
    }
  }

  /** An entry of the job's exceptions history; without a subtask, it concerns the whole job. */
  private recordException(
    message: string,
    where: Partial<Pick<JobException, 'vertexId' | 'subtaskIndex' | 'stack'>> = {},
  ): void {
    const { vertexId = null, subtaskIndex = null, stack = null } = where;
    const at = new Date(this.deps.now()).toISOString();
    this.exceptions.push({ at, vertexId, subtaskIndex, message, stack });
  }

  private onFailureDuringRestart(error: Error): void {
    this.recordException(`restart failed: ${error.message}`, { stack: error.stack ?? null });
    if (!this.still('RESTARTING')) return; // cancelled or suspended meanwhile: that stands
    this.machine.transition('FAILED');
    this.resolveTerminated();
  }

  /** Stops workers and fails whatever was in flight. */
  private async stopRun(reason: Error): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.checkpoints.failAll('JOB_STOPPED', reason);
    this.notifications.abandon(reason);
    const pool = this.pool;
    this.pool = null;
    await pool?.terminate();
    await this.checkpoints.settle();
  }

  private async finish(): Promise<void> {
    if (this.status !== 'RUNNING') return; // cancelled or failed while the last subtasks ended
    try {
      // Sinks commit what they hold at the end with the final checkpoint, and only then
      // does the job finish.
      const final = await this.checkpoints.finalCheckpoint();
      await this.notifications.waitFor(final.checkpointId, this.slots);
    } catch {
      return; // the run ended first (cancelled, failed over, leadership lost): it decides
    }
    if (this.status !== 'RUNNING') return;
    await this.stopRun(new Error('job finished'));
    if (this.status !== 'RUNNING') return; // a cancel that came meanwhile decided the outcome
    this.machine.transition('FINISHED');
    this.resolveTerminated();
  }

  /**
   * This instance lost leadership: stop at once, without touching any shared record; the new
   * leader recovers the job from its latest completed checkpoint.
   */
  async suspend(): Promise<void> {
    if (isTerminal(this.status)) return;
    await this.stopRun(new Error('leadership lost'));
    if (!isTerminal(this.status)) this.machine.transition('SUSPENDED');
    this.resolveTerminated();
  }

  async cancel(): Promise<void> {
    if (this.status !== 'RUNNING' && this.status !== 'RESTARTING') return;
    const wasRunning = this.status === 'RUNNING';
    this.machine.transition(wasRunning ? 'CANCELLING' : 'CANCELED');
    await this.stopRun(new Error('job was cancelled'));
    if (wasRunning) this.machine.transition('CANCELED');
    this.resolveTerminated();
  }
}
