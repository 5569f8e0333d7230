import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type {
  CheckpointFailureReason,
  JobException,
  JobSpec,
  JobStatus,
  SnapshotKind,
  Vertex,
} from '@weir/shared';
import { type CheckpointHa, StorageCheckpointHa } from '../checkpoint/checkpoint-ha.js';
import { decideTrigger, shouldFailJob } from '../checkpoint/coordinator.js';
import type { SnapshotPaths } from '../checkpoint/paths.js';
import { PendingCheckpoint } from '../checkpoint/pending-checkpoint.js';
import type { SnapshotHistory } from '../checkpoint/snapshot-history.js';
import { stateForSubtask } from '../checkpoint/state-assignment.js';
import { type LoadedSnapshot, pruneCheckpoints, writeSnapshot } from '../checkpoint/storage.js';
import type { Logger } from '../logging/logger.js';
import { displayNameOf } from '../operators/registry.js';
import { DeadLetterStore } from './dead-letters.js';
import { planDeployment } from './execution/deployment.js';
import type { WorkerReport } from './execution/messages.js';
import { startWorkers, type WorkerPool } from './execution/worker-pool.js';
import { type JobGraphPlan, planJobGraph } from './job-graph.js';
import { isTerminal, JobStatusMachine } from './job-status.js';
import { LoadHistory } from './load-history.js';
import { MetricsView } from './metrics-view.js';
import type { OperatorState } from './operator.js';
import { decideRestart } from './restart-strategy.js';
import { SlotNotifications } from './slot-notifications.js';

export interface JobMasterDeps {
  paths: SnapshotPaths;
  /**
   * Checkpoint ids, the fenced commit point and the recovery choice (embedded or ZooKeeper).
   * Without it the job checkpoints as a lone instance would: storage only, ids from `start`.
   */
  checkpointHa?: CheckpointHa;
  history: SnapshotHistory;
  logger: Logger;
  now: () => number;
  operatorsDir?: string | null;
  /** Records per channel batch and batches of credit per channel (flow-control window). */
  batchSize?: number;
  credits?: number;
  onStatusChange?: (status: JobStatus) => void;
  onSnapshotCompleted?: (snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (kind: SnapshotKind, reason: CheckpointFailureReason) => void;
}

export interface CompletedSnapshot {
  checkpointId: number;
  kind: SnapshotKind;
  path: string;
  triggeredAt: Date;
  durationMs: number;
  sizeBytes: number;
}

type Waiter = { resolve: (s: CompletedSnapshot) => void; reject: (e: Error) => void };

/**
 * Runs one job across worker threads and coordinates it, like Flink's JobMaster: deploys
 * subtasks to slots, triggers checkpoints and completes them once every subtask acknowledged,
 * restarts from the latest completed checkpoint under the job's restart strategy, and keeps
 * the job's metrics, exceptions and dead letters for the API.
 */
export class JobMaster {
  readonly plan: JobGraphPlan;
  readonly deadLetters = new DeadLetterStore();
  readonly exceptions: JobException[] = [];
  readonly metrics = new MetricsView();
  readonly loadHistory = new LoadHistory();
  startedAt: Date | null = null;
  restoredFrom: string | null = null;
  lastCompleted: CompletedSnapshot | null = null;
  restarts = 0;
  /** Recoveries that skipped an invalid newer checkpoint; an alert rule watches it. */
  recoveryFallbacks = 0;

  private readonly machine: JobStatusMachine;
  private pool: WorkerPool | null = null;
  /** Triggers waiting for their checkpoint id; they count as in flight. */
  private acquiringIds = 0;
  private checkpointHa!: CheckpointHa;
  private lastTriggeredAtMs: number | null = null;
  private lastFinishedAtMs: number | null = null;
  private consecutiveFailures = 0;
  private runStartedAtMs = 0;
  private readonly pending = new Map<number, PendingCheckpoint & { waiters: Waiter[] }>();
  private readonly savepointWaiters: Waiter[] = [];
  /** Snapshots being written; stopping waits for them so no write outlives the job. */
  private readonly persisting = new Set<Promise<void>>();
  private readonly pruning = new Set<Promise<void>>();
  /** Set while a stop-with-savepoint runs: no periodic checkpoint may start meanwhile. */
  private stopping = false;
  private readonly notifications = new SlotNotifications();
  private finishedSubtasks = new Set<string>();
  private readonly failureTimes: number[] = [];
  private readonly recent = new Map<number, unknown[]>();
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
    this.totalSubtasks = this.plan.vertices.reduce((sum, v) => sum + v.parallelism, 0);
    this.slots = Math.max(...this.plan.vertices.map((v) => v.parallelism));
    this.machine = new JobStatusMachine((from, to) => {
      deps.logger.info({ job: spec.id, from, to }, 'job status changed');
      deps.onStatusChange?.(to);
    });
    this.terminated = new Promise((resolve) => {
      this.resolveTerminated = resolve;
    });
  }

  get status(): JobStatus {
    return this.machine.status;
  }

  whenTerminated(): Promise<void> {
    return this.terminated;
  }

  /** Deploys the job, restoring `restore` if given. */
  async start(options: {
    restore: LoadedSnapshot | null;
    firstCheckpointId?: number;
  }): Promise<void> {
    this.checkpointHa =
      this.deps.checkpointHa ??
      new StorageCheckpointHa(
        this.deps.paths.checkpointsOf(this.spec.id),
        options.firstCheckpointId ?? 1,
        () => {},
      );
    await this.deploy(options.restore);
    this.machine.transition('RUNNING');
    this.scheduleTick();
  }

  private async deploy(restore: LoadedSnapshot | null): Promise<void> {
    if (restore) this.checkRestorable(restore);
    const inits = planDeployment(this.spec, this.plan, {
      credits: this.deps.credits ?? 4,
      batchSize: this.deps.batchSize ?? 512,
      operatorsDir: this.deps.operatorsDir ?? null,
      stateFor: (vertexId, index, parallelism) =>
        this.restoredStateFor(restore, vertexId, index, parallelism),
    });
    this.finishedSubtasks = new Set();
    this.consecutiveFailures = 0;
    this.metrics.reset();
    this.recent.clear();
    this.pool = await startWorkers(inits, {
      onReport: (slot, report) => this.onReport(slot, report),
      onCrash: (slot, error) =>
        this.onFailure(`slot ${slot}`, null, error.message, error.stack ?? null),
    });
    this.startedAt = new Date(this.deps.now());
    this.runStartedAtMs = this.deps.now();
    this.lastTriggeredAtMs = null;
    if (restore) {
      this.restoredFrom = restore.dir;
      this.deps.logger.info(
        { job: this.spec.id, snapshot: restore.dir, checkpoint: restore.manifest.checkpointId },
        'restored state',
      );
    }
  }

  private checkRestorable(snapshot: LoadedSnapshot): void {
    const known = new Set(this.spec.operators.map((op) => op.uid));
    const orphaned = [...snapshot.states.keys()].filter((uid) => !known.has(uid));
    if (orphaned.length > 0) {
      throw new Error(
        `snapshot ${snapshot.dir} has state for operators not in the job: ${orphaned.join(', ')}`,
      );
    }
  }

  private restoredStateFor(
    restore: LoadedSnapshot | null,
    vertexId: string,
    index: number,
    parallelism: number,
  ): Record<string, OperatorState> {
    if (!restore) return {};
    const vertex = this.plan.vertices.find((v) => v.id === vertexId);
    const states: Record<string, OperatorState> = {};
    for (const op of vertex?.operators ?? []) {
      const stored = restore.states.get(op.uid);
      if (stored)
        states[op.uid] = stateForSubtask(stored, index, parallelism, this.spec.maxParallelism);
    }
    return states;
  }

  private onReport(slot: number, report: WorkerReport): void {
    switch (report.t) {
      case 'ack':
        this.onAck(report);
        return;
      case 'metrics':
        for (const subtask of report.subtasks) {
          const interval = this.metrics.record(report.at, subtask);
          if (interval) this.loadHistory.add(subtask.vertexId, report.at, interval);
        }
        this.recent.set(slot, report.recent);
        return;
      case 'dead-letters':
        for (const sample of report.samples)
          this.deadLetters.add(
            report.vertexId,
            report.operatorUid,
            sample.sample,
            sample.reason,
            new Date(sample.at),
          );
        return;
      case 'finished':
        this.finishedSubtasks.add(`${report.vertexId}/${report.subtaskIndex}`);
        // A checkpoint this subtask has not acknowledged yet never will be; later ones skip it.
        for (const [id, pending] of [...this.pending]) {
          if (!pending.hasAck(report.vertexId, report.subtaskIndex))
            this.failCheckpoint(id, 'SUBTASK_FINISHED');
        }
        if (this.finishedSubtasks.size === this.totalSubtasks) void this.finish();
        return;
      case 'failed':
        this.onFailure(report.vertexId, report.subtaskIndex, report.message, report.stack);
        return;
      case 'decline':
        this.failCheckpoint(report.checkpointId, 'DECLINED');
        return;
      case 'notified':
        this.notifications.record(report.checkpointId);
        return;
      case 'ready':
        return;
    }
  }

  private scheduleTick(): void {
    this.ticker = setInterval(
      () => this.tick(),
      Math.max(10, Math.min(100, this.spec.checkpointing.intervalMs / 4)),
    );
  }

  private tick(): void {
    // Once any subtask finished, checkpoints stop: restoring state with finished subtasks
    // skipped lost records in a test at parallelism 6 (see the session note), so until that is
    // understood a partly finished job takes no further checkpoint.
    if (this.status !== 'RUNNING' || this.stopping || this.finishedSubtasks.size > 0) return;
    const now = this.deps.now();
    for (const [id, checkpoint] of this.pending) {
      if (now - checkpoint.triggeredAtMs > this.spec.checkpointing.timeoutMs)
        this.failCheckpoint(id, 'TIMEOUT');
    }
    if (this.savepointWaiters.length > 0) {
      this.trigger('SAVEPOINT', now, this.savepointWaiters.splice(0));
    } else {
      const { intervalMs, minPauseMs, maxConcurrent } = this.spec.checkpointing;
      const decision = decideTrigger({
        nowMs: now,
        intervalMs,
        minPauseMs,
        maxConcurrent,
        lastTriggeredAtMs: this.lastTriggeredAtMs,
        lastFinishedAtMs: this.lastFinishedAtMs,
        runStartedAtMs: this.runStartedAtMs,
        inFlight: this.pending.size + this.persisting.size + this.acquiringIds,
      });
      if (decision.trigger) this.trigger('CHECKPOINT', now, []);
    }
  }

  private trigger(
    kind: SnapshotKind,
    now: number,
    waiters: Waiter[],
    stop?: { drain: boolean },
  ): void {
    if (kind === 'CHECKPOINT') this.lastTriggeredAtMs = now;
    this.acquiringIds += 1;
    const pool = this.pool;
    this.checkpointHa.nextCheckpointId().then(
      (checkpointId) => {
        this.acquiringIds -= 1;
        // The run this trigger belonged to may have ended (or a stop begun) meanwhile.
        const stale = this.pool !== pool || this.status !== 'RUNNING';
        if (stale || (this.stopping && !stop)) {
          for (const waiter of waiters) waiter.reject(new Error(`job is ${this.status}`));
          return;
        }
        this.startCheckpoint(checkpointId, kind, now, waiters, stop);
      },
      (error: Error) => {
        this.acquiringIds -= 1;
        this.deps.logger.info(
          { job: this.spec.id, kind, reason: error.message },
          'snapshot not triggered: no checkpoint id',
        );
        for (const waiter of waiters) waiter.reject(error);
      },
    );
  }

  private startCheckpoint(
    checkpointId: number,
    kind: SnapshotKind,
    now: number,
    waiters: Waiter[],
    stop?: { drain: boolean },
  ): void {
    const pending = Object.assign(
      new PendingCheckpoint(checkpointId, kind, now, this.totalSubtasks),
      { waiters },
    );
    this.pending.set(checkpointId, pending);
    this.deps.history
      .recordTriggered({ jobId: this.spec.id, checkpointId, kind, triggeredAt: new Date(now) })
      .catch((err: unknown) => {
        this.deps.logger.error(
          { err, checkpoint: checkpointId },
          'could not record checkpoint trigger',
        );
      });
    this.pool?.broadcast({ t: 'trigger', checkpointId, kind, stop });
  }

  private onAck(ack: Extract<WorkerReport, { t: 'ack' }>): void {
    const pending = this.pending.get(ack.checkpointId);
    if (!pending) return; // late ack of a checkpoint that already failed
    if (pending.acknowledge(ack, this.deps.now())) {
      this.pending.delete(ack.checkpointId);
      const writing = this.persist(pending);
      this.persisting.add(writing);
      void writing.finally(() => this.persisting.delete(writing));
    }
  }

  /** Every subtask acknowledged: write state and manifest, then let sinks commit. */
  private async persist(pending: PendingCheckpoint & { waiters: Waiter[] }): Promise<void> {
    const { checkpointId, kind } = pending;
    const dir =
      kind === 'CHECKPOINT'
        ? this.deps.paths.checkpoint(this.spec.id, checkpointId)
        : this.deps.paths.savepoint(this.spec.id, checkpointId, randomBytes(3).toString('hex'));
    try {
      const writeStarted = this.deps.now();
      const { sizeBytes, writtenBytes } = await writeSnapshot(
        dir,
        pending.content(this.spec, this.plan),
      );
      const stats = pending.stats(this.deps.now() - writeStarted, writtenBytes);
      const committed = await this.commit(kind, checkpointId, dir);
      if (!committed) {
        this.recordFailedCheckpoint(checkpointId, kind, 'NOT_LEADER', pending.waiters);
        return;
      }
      const done: CompletedSnapshot = {
        checkpointId,
        kind,
        path: dir,
        triggeredAt: new Date(pending.triggeredAtMs),
        durationMs: this.deps.now() - pending.triggeredAtMs,
        sizeBytes,
      };
      await this.deps.history.recordCompleted({
        jobId: this.spec.id,
        kind,
        checkpointId,
        completedAt: new Date(this.deps.now()),
        durationMs: done.durationMs,
        sizeBytes,
        path: dir,
        stats,
      });
      this.pool?.broadcast({ t: 'complete', checkpointId });
      if (kind === 'CHECKPOINT') {
        this.lastCompleted = done;
        this.pruneInBackground();
      }
      this.deps.logger.info(
        {
          job: this.spec.id,
          checkpoint: checkpointId,
          kind,
          durationMs: done.durationMs,
          sizeBytes,
        },
        'snapshot completed',
      );
      this.deps.onSnapshotCompleted?.(done);
      if (kind === 'CHECKPOINT') {
        this.consecutiveFailures = 0;
        this.lastFinishedAtMs = this.deps.now();
      }
      for (const waiter of pending.waiters) waiter.resolve(done);
    } catch (error) {
      this.recordFailedCheckpoint(
        checkpointId,
        kind,
        'STORAGE_ERROR',
        pending.waiters,
        (error as Error).message,
      );
    }
  }

  /**
   * The HA commit point. Refused when this instance no longer leads (or cannot reach
   * ZooKeeper): then the snapshot never happened, so its files go and no sink commits.
   */
  private async commit(kind: SnapshotKind, checkpointId: number, dir: string): Promise<boolean> {
    try {
      await this.checkpointHa.commit(kind, checkpointId, dir, this.spec.checkpointing.retained);
      return true;
    } catch (error) {
      this.deps.logger.warn(
        { job: this.spec.id, checkpoint: checkpointId, err: error },
        'snapshot not committed: not allowed to commit',
      );
      await rm(dir, { recursive: true, force: true });
      return false;
    }
  }

  /**
   * Retention runs off the completion path: a failed prune must not turn a completed
   * checkpoint into a failed one, and stopping still waits for it (no write outlives the job).
   */
  private pruneInBackground(): void {
    const pruning = pruneCheckpoints(
      this.deps.paths.checkpointsOf(this.spec.id),
      this.spec.checkpointing.retained,
      new Set(this.pending.keys()),
    ).catch((err: unknown) =>
      this.deps.logger.warn({ job: this.spec.id, err }, 'pruning old checkpoints failed'),
    );
    this.pruning.add(pruning);
    void pruning.finally(() => this.pruning.delete(pruning));
  }

  private failCheckpoint(checkpointId: number, reason: CheckpointFailureReason): void {
    const pending = this.pending.get(checkpointId);
    if (!pending) return;
    this.pending.delete(checkpointId);
    this.pool?.broadcast({ t: 'abort', checkpointId });
    this.recordFailedCheckpoint(checkpointId, pending.kind, reason, pending.waiters);
  }

  private recordFailedCheckpoint(
    checkpointId: number,
    kind: SnapshotKind,
    reason: CheckpointFailureReason,
    waiters: Waiter[],
    detail?: string,
  ): void {
    const described = detail ? `${reason}: ${detail}` : reason;
    this.deps.logger.warn(
      { job: this.spec.id, checkpoint: checkpointId, kind, reason: described },
      'snapshot failed',
    );
    this.deps.onSnapshotFailed?.(kind, reason);
    this.deps.history
      .recordFailed({ jobId: this.spec.id, kind, checkpointId, reason: described })
      .catch(() => {});
    for (const waiter of waiters)
      waiter.reject(new Error(`${kind.toLowerCase()} ${checkpointId} failed: ${described}`));
    if (kind !== 'CHECKPOINT') return;
    this.lastFinishedAtMs = this.deps.now();
    this.consecutiveFailures += 1;
    if (
      shouldFailJob(this.consecutiveFailures, this.spec.checkpointing.tolerableFailures, reason)
    ) {
      this.onFailure(
        null,
        null,
        `${this.consecutiveFailures} consecutive checkpoint failures exceed the ${this.spec.checkpointing.tolerableFailures} tolerated (last: ${described})`,
        null,
      );
    }
  }

  /**
   * Stop-with-savepoint: sources stop right after the savepoint barrier (after advancing event
   * time to the end first if `drain`), the savepoint completes, sinks commit what it covers,
   * and the job ends FINISHED. A failure on the way fails the job over as any failure does.
   */
  async stopWithSavepoint(options: { drain: boolean }): Promise<CompletedSnapshot> {
    if (this.status !== 'RUNNING' || this.stopping)
      throw new Error(`job is ${this.stopping ? 'already stopping' : this.status}`);
    this.stopping = true;
    // A periodic checkpoint still in flight would reach sources that have stopped: end it now.
    for (const id of [...this.pending.keys()]) this.failCheckpoint(id, 'JOB_STOPPED');
    try {
      const done = await new Promise<CompletedSnapshot>((resolve, reject) =>
        this.trigger('SAVEPOINT', this.deps.now(), [{ resolve, reject }], options),
      );
      await this.notifications.waitFor(done.checkpointId, this.slots);
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
      return Promise.reject(new Error(`job is ${this.status}, not RUNNING`));
    return new Promise((resolve, reject) => this.savepointWaiters.push({ resolve, reject }));
  }

  private onFailure(
    vertexId: string | null,
    subtaskIndex: number | null,
    message: string,
    stack: string | null,
  ): void {
    if (this.status !== 'RUNNING') return;
    const now = this.deps.now();
    this.exceptions.push({
      at: new Date(now).toISOString(),
      vertexId,
      subtaskIndex,
      message,
      stack,
    });
    this.deps.logger.error(
      { job: this.spec.id, vertex: vertexId, subtask: subtaskIndex, error: message },
      'subtask failed',
    );
    this.machine.transition('FAILING');
    this.failureTimes.push(now);
    void this.recover(now);
  }

  private async recover(failedAt: number): Promise<void> {
    await this.stopRun(new Error('job failed'));
    const decision = decideRestart(this.spec.restartStrategy, this.failureTimes, failedAt);
    if (!decision.restart) {
      this.exceptions.push({
        at: new Date(this.deps.now()).toISOString(),
        vertexId: null,
        subtaskIndex: null,
        message: `not restarting: ${decision.reason}`,
        stack: null,
      });
      this.machine.transition('FAILED');
      this.resolveTerminated();
      return;
    }
    this.machine.transition('RESTARTING');
    await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    if (this.status !== 'RESTARTING') return;
    try {
      const recovery = await this.checkpointHa.recover();
      if (recovery.skipped.length > 0) this.recoveryFallbacks += 1;
      for (const skipped of recovery.skipped) {
        this.exceptions.push({
          at: new Date(this.deps.now()).toISOString(),
          vertexId: null,
          subtaskIndex: null,
          message: `recovery skipped ${skipped.message}`,
          stack: null,
        });
      }
      this.restarts += 1;
      await this.deploy(recovery.snapshot);
      this.machine.transition('RUNNING');
      this.scheduleTick();
    } catch (error) {
      this.onFailureDuringRestart(error as Error);
    }
  }

  private onFailureDuringRestart(error: Error): void {
    this.exceptions.push({
      at: new Date(this.deps.now()).toISOString(),
      vertexId: null,
      subtaskIndex: null,
      message: `restart failed: ${error.message}`,
      stack: error.stack ?? null,
    });
    this.machine.transition('FAILED');
    this.resolveTerminated();
  }

  /** Stops workers and fails whatever was in flight. */
  private async stopRun(reason: Error): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    for (const id of [...this.pending.keys()]) this.failCheckpoint(id, 'JOB_STOPPED');
    for (const waiter of this.savepointWaiters.splice(0)) waiter.reject(reason);
    const pool = this.pool;
    this.pool = null;
    await pool?.terminate();
    // A write finishing here may start a prune: wait until neither is left.
    while (this.persisting.size > 0 || this.pruning.size > 0)
      await Promise.allSettled([...this.persisting, ...this.pruning]);
  }

  private async finish(): Promise<void> {
    if (this.status !== 'RUNNING') return; // cancelled or failed while the last subtasks ended
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

  vertices(): Vertex[] {
    return this.plan.vertices.map((vertex) => {
      const subtasks = this.metrics.subtasks(vertex.id, vertex.parallelism);
      const isSource = this.plan.edges.every((e) => e.target !== vertex.id);
      const isSink = this.plan.edges.every((e) => e.source !== vertex.id);
      return {
        id: vertex.id,
        name: vertex.operators.map(displayNameOf).join(' → '),
        role: isSource ? 'source' : isSink ? 'sink' : 'operator',
        operators: vertex.operators.map((op) => op.kind),
        parallelism: vertex.parallelism,
        metrics: this.metrics.vertex(subtasks),
        subtasks,
      };
    });
  }

  recentResults(): unknown[] {
    return [...this.recent.values()].flat();
  }
}
