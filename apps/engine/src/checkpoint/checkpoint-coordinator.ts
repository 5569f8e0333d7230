import type { CheckpointFailureReason, JobSpec, SnapshotKind } from '@weir/shared';
import type { JobGraphPlan } from '../core/job-graph.js';
import type { ControlMessage, WorkerReport } from '../core/messages.js';
import type { Logger } from '../logging/logger.js';
import type { CheckpointHa } from './checkpoint-ha.js';
import { decideTrigger, shouldFailJob } from './coordinator.js';
import { HistoryWrites } from './history-writes.js';
import { JobCheckpointHa } from './job-checkpoint-ha.js';
import { type SnapshotPaths, snapshotDir } from './paths.js';
import { PendingCheckpoint, type SubtaskAck } from './pending-checkpoint.js';
import { SegmentLocations } from './segment-plan.js';
import { SentStateMirror } from './sent-state-mirror.js';
import type { SnapshotHistory } from './snapshot-history.js';
import { pruneCheckpoints, type RecoveryChoice, writeSnapshot } from './storage.js';
import { TrackedWork } from './tracked-work.js';
import { rejectAll, resolveAll, type Waiter as Waiters } from './waiters.js';

export interface CompletedSnapshot {
  checkpointId: number;
  kind: SnapshotKind;
  path: string;
  triggeredAt: Date;
  durationMs: number;
  sizeBytes: number;
}

type Waiter = Waiters<CompletedSnapshot>;

/** A checkpoint waiting for acks, with who waits for it and its history row's insert. */
type Pending = PendingCheckpoint & { waiters: Waiter[]; inserted: Promise<void> };

export interface CheckpointCoordinatorDeps {
  spec: JobSpec;
  plan: JobGraphPlan;
  paths: SnapshotPaths;
  history: SnapshotHistory;
  logger: Logger;
  now: () => number;
  /**
   * Checkpoint ids, the fenced commit point and the recovery choice (embedded or ZooKeeper).
   * Without it the job checkpoints as a lone instance would: storage only.
   */
  ha?: CheckpointHa;
  /** Sends a control message to every worker of the current run (none between runs). */
  broadcast: (message: ControlMessage) => void;
  /** More consecutive checkpoint failures than the job tolerates: fail the job over. */
  failJob: (message: string) => void;
  onSnapshotCompleted?: (snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (kind: SnapshotKind, reason: CheckpointFailureReason) => void;
}

/**
 * The checkpoint side of a job master, like Flink's CheckpointCoordinator: triggers
 * checkpoints and savepoints, collects acknowledgements, writes the snapshot once every
 * subtask acknowledged, then lets sinks commit. A subtask that finished acknowledges every
 * later checkpoint with the state it finished with (FLIP-147), so a partly finished job keeps
 * taking checkpoints and a restore knows which subtasks have nothing left to do.
 */
export class CheckpointCoordinator {
  lastCompleted: CompletedSnapshot | null = null;
  private readonly ha: JobCheckpointHa;
  /** Triggers waiting for their checkpoint id; they count as in flight. */
  private acquiringIds = 0;
  /** Bumped whenever in-flight work is abandoned, so an id arriving afterwards is dropped. */
  private generation = 0;
  private lastTriggeredAtMs: number | null = null;
  private lastFinishedAtMs: number | null = null;
  private consecutiveFailures = 0;
  private runStartedAtMs = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly savepointWaiters: Waiter[] = [];
  /** Waiting for the final checkpoint (see `finalCheckpoint`). */
  private readonly finalWaiters: Waiter[] = [];
  /** Snapshots being written; stopping waits for them so no write outlives the job. */
  private readonly persisting = new TrackedWork();
  private readonly pruning = new TrackedWork();
  /** The final acknowledgement of each finished subtask of this run, by "vertex/index". */
  private readonly finished = new Map<string, SubtaskAck>();
  private readonly totalSubtasks: number;
  private readonly sentState = new SentStateMirror();
  private readonly stored = new SegmentLocations();
  private readonly history: HistoryWrites;

  constructor(private readonly deps: CheckpointCoordinatorDeps) {
    this.totalSubtasks = deps.plan.vertices.reduce((sum, v) => sum + v.parallelism, 0);
    this.history = new HistoryWrites(deps.history, deps.logger, deps.spec.id);
    this.ha = new JobCheckpointHa(
      deps.ha,
      deps.paths.checkpointsOf(deps.spec.id),
      deps.logger,
      deps.spec.id,
    );
  }

  /** Without HA services, ids go on from `id`: never one a previous run or engine used. */
  continueFrom(id: number): void {
    this.ha.continueFrom(id);
  }

  /** The newest completed checkpoint that verifies, as the HA mode records them. */
  recover(): Promise<RecoveryChoice> {
    return this.ha.recover();
  }

  /** A run starts (first or after a restart): it has nothing finished and no failures yet. */
  beginRun(nowMs: number): void {
    this.generation += 1;
    this.finished.clear();
    this.sentState.clear();
    this.stored.clear();
    this.consecutiveFailures = 0;
    this.runStartedAtMs = nowMs;
    this.lastTriggeredAtMs = null;
  }

  /** Checkpoints triggered and not yet written: waiting for an id, for acks, or being written. */
  private get inFlight(): number {
    return this.pending.size + this.persisting.size + this.acquiringIds;
  }

  get finishedSubtasks(): number {
    return this.finished.size;
  }

  /** Periodic work: time out what took too long, then trigger what is due. */
  tick(): void {
    const now = this.deps.now();
    const { checkpointing } = this.deps.spec;
    for (const [id, checkpoint] of this.pending) {
      if (now - checkpoint.triggeredAtMs > checkpointing.timeoutMs) this.fail(id, 'TIMEOUT');
    }
    if (this.finished.size === this.totalSubtasks) {
      this.triggerFinal(now);
      return;
    }
    if (this.savepointWaiters.length > 0) {
      this.trigger('SAVEPOINT', this.savepointWaiters.splice(0));
      return;
    }
    const decision = decideTrigger({
      nowMs: now,
      intervalMs: checkpointing.intervalMs,
      minPauseMs: checkpointing.minPauseMs,
      maxConcurrent: checkpointing.maxConcurrent,
      lastTriggeredAtMs: this.lastTriggeredAtMs,
      lastFinishedAtMs: this.lastFinishedAtMs,
      runStartedAtMs: this.runStartedAtMs,
      inFlight: this.inFlight,
    });
    if (decision.trigger) this.trigger('CHECKPOINT', []);
  }

  /**
   * Resolves with the first checkpoint that completes holding every subtask's final state
   * (FLIP-147's final checkpoint): what sinks still hold at the end is committed with it,
   * through the same fenced commit as any checkpoint, so a deposed leader whose sources ran
   * out writes nothing. Rejected if the run ends first.
   */
  finalCheckpoint(): Promise<CompletedSnapshot> {
    return new Promise((resolve, reject) => this.finalWaiters.push({ resolve, reject }));
  }

  /** Every subtask finished: one checkpoint at a time, at once (no interval), until one completes. */
  private triggerFinal(now: number): void {
    const { minPauseMs } = this.deps.spec.checkpointing;
    const pausing = this.lastFinishedAtMs !== null && now - this.lastFinishedAtMs < minPauseMs;
    if (this.inFlight === 0 && !pausing) this.trigger('CHECKPOINT', []);
  }

  /** A savepoint at the next tick. */
  requestSavepoint(): Promise<CompletedSnapshot> {
    return new Promise((resolve, reject) => this.savepointWaiters.push({ resolve, reject }));
  }

  /** A savepoint right away, after which sources stop (stop-with-savepoint). */
  stopWithSavepoint(stop: { drain: boolean }): Promise<CompletedSnapshot> {
    // A periodic checkpoint still in flight would reach sources that have stopped: end it now.
    this.failAll('JOB_STOPPED');
    return new Promise((resolve, reject) => this.trigger('SAVEPOINT', [{ resolve, reject }], stop));
  }

  private trigger(kind: SnapshotKind, waiters: Waiter[], stop?: { drain: boolean }): void {
    const now = this.deps.now();
    if (kind === 'CHECKPOINT') this.lastTriggeredAtMs = now;
    const generation = this.generation;
    this.acquiringIds += 1;
    this.ha.nextCheckpointId().then(
      (checkpointId) => {
        this.acquiringIds -= 1;
        // The run ended, or a stop-with-savepoint began, while the id was on its way.
        if (generation !== this.generation) {
          rejectAll(waiters, new Error('the job stopped meanwhile'));
          return;
        }
        this.start(checkpointId, kind, now, waiters, stop);
      },
      (error: Error) => {
        this.acquiringIds -= 1;
        this.deps.logger.info(
          { job: this.deps.spec.id, kind, reason: error.message },
          'snapshot not triggered: no checkpoint id',
        );
        rejectAll(waiters, error);
      },
    );
  }

  private start(
    checkpointId: number,
    kind: SnapshotKind,
    now: number,
    waiters: Waiter[],
    stop?: { drain: boolean },
  ): void {
    const inserted = this.history.triggered(kind, checkpointId, new Date(now));
    const pending = Object.assign(
      new PendingCheckpoint(checkpointId, kind, now, this.totalSubtasks),
      { waiters, inserted },
    );
    this.pending.set(checkpointId, pending);
    this.deps.broadcast({ t: 'trigger', checkpointId, kind, stop });
    for (const ack of this.finished.values()) this.acknowledge(checkpointId, ack);
  }

  onAck(ack: Extract<WorkerReport, { t: 'ack' }>): void {
    const states = this.completeStates(ack);
    if (states) this.acknowledge(ack.checkpointId, { ...ack, states });
  }

  /** Fills in the key groups a subtask sent as unchanged; a mismatch fails the job over. */
  private completeStates(report: Extract<WorkerReport, { t: 'ack' | 'finished' }>) {
    try {
      return this.sentState.complete(report.vertexId, report.subtaskIndex, report.states);
    } catch (error) {
      this.deps.failJob((error as Error).message);
      return null;
    }
  }

  /**
   * A subtask finished: everything it will ever send is on its way downstream, ahead of any
   * barrier it did not forward, so its final state acknowledges every checkpoint it has not.
   */
  onFinished(report: Extract<WorkerReport, { t: 'finished' }>): void {
    const states = this.completeStates(report);
    if (!states) return;
    const ack: SubtaskAck = {
      vertexId: report.vertexId,
      subtaskIndex: report.subtaskIndex,
      states,
      positions: report.positions,
      alignmentMs: 0,
      syncMs: 0,
      finished: true,
    };
    this.finished.set(`${ack.vertexId}/${ack.subtaskIndex}`, ack);
    for (const [id, pending] of [...this.pending]) {
      if (!pending.hasAck(ack.vertexId, ack.subtaskIndex)) this.acknowledge(id, ack);
    }
  }

  /**
   * A fresh lease for sinks that found the one of checkpoint `checkpointId` over (this
   * instance was paused), or null if it no longer leads: then its successor writes them.
   */
  renewLease(checkpointId: number): Promise<number | null> {
    return this.ha.renewLease(checkpointId);
  }

  onDecline(checkpointId: number): void {
    this.fail(checkpointId, 'DECLINED');
  }

  private acknowledge(checkpointId: number, ack: SubtaskAck): void {
    const pending = this.pending.get(checkpointId);
    if (!pending) return; // late ack of a checkpoint that already failed
    if (pending.acknowledge(ack, this.deps.now())) {
      this.pending.delete(checkpointId);
      this.persisting.track(this.persist(pending));
    }
  }

  /** Every subtask acknowledged: write state and manifest, then let sinks commit. */
  private async persist(pending: Pending): Promise<void> {
    const { checkpointId, kind } = pending;
    const { spec, paths, now } = this.deps;
    const dir = snapshotDir(paths, spec.id, checkpointId, kind);
    try {
      const writeStarted = now();
      const { sizeBytes, writtenBytes } = await writeSnapshot(
        dir,
        pending.content(spec, this.deps.plan),
        this.stored,
      );
      const stats = pending.stats(now() - writeStarted, writtenBytes);
      const { retained } = spec.checkpointing;
      const commit = await this.ha.commit({ kind, checkpointId, dir, retained });
      if (commit.outcome === 'refused') return this.recordFailed(pending, 'NOT_LEADER');
      if (commit.outcome === 'deposed') {
        const lost = `leadership was lost after snapshot ${checkpointId} committed`;
        return rejectAll(pending.waiters, new Error(lost));
      }
      // Sinks first, before anything that waits (the history's database write): their lease
      // is running, and a leader paused past it leaves this checkpoint's effects to its successor.
      this.deps.broadcast({ t: 'complete', checkpointId, leaseUntilMs: commit.leaseUntilMs });
      const done: CompletedSnapshot = {
        checkpointId,
        kind,
        path: dir,
        triggeredAt: new Date(pending.triggeredAtMs),
        durationMs: now() - pending.triggeredAtMs,
        sizeBytes,
      };
      this.deps.logger.info(
        {
          job: spec.id,
          checkpoint: checkpointId,
          kind,
          final: pending.coversFinalStates,
          durationMs: done.durationMs,
          sizeBytes,
        },
        'snapshot completed',
      );
      if (kind === 'CHECKPOINT') {
        this.lastCompleted = done;
        this.consecutiveFailures = 0;
        this.lastFinishedAtMs = now();
        this.pruneInBackground();
      }
      await this.history.completed(pending.inserted, {
        kind,
        checkpointId,
        completedAt: new Date(now()),
        durationMs: done.durationMs,
        sizeBytes,
        path: dir,
        stats,
      });
      this.deps.onSnapshotCompleted?.(done);
      resolveAll(pending.waiters, done);
      if (kind === 'CHECKPOINT' && pending.coversFinalStates) resolveAll(this.finalWaiters, done);
    } catch (error) {
      this.recordFailed(pending, 'STORAGE_ERROR', (error as Error).message);
    }
  }

  /**
   * Retention runs off the completion path: a failed prune must not turn a completed
   * checkpoint into a failed one, and stopping still waits for it (no write outlives the job).
   */
  private pruneInBackground(): void {
    const pruning = pruneCheckpoints(
      this.deps.paths.checkpointsOf(this.deps.spec.id),
      this.deps.spec.checkpointing.retained,
      new Set(this.pending.keys()),
    ).catch((err: unknown) =>
      this.deps.logger.warn({ job: this.deps.spec.id, err }, 'pruning old checkpoints failed'),
    );
    this.pruning.track(pruning);
  }

  /** Fails every checkpoint in flight and every savepoint asked for (the run is ending). */
  failAll(reason: CheckpointFailureReason, error?: Error): void {
    this.generation += 1;
    for (const id of [...this.pending.keys()]) this.fail(id, reason);
    rejectAll(this.savepointWaiters, error ?? new Error(`savepoint failed: ${reason}`));
    const unfinished = `the run ended before its final checkpoint: ${reason}`;
    rejectAll(this.finalWaiters, error ?? new Error(unfinished));
  }

  /** Resolves once no snapshot is being written and no prune runs. */
  async settle(): Promise<void> {
    // A write finishing here may start a prune: wait until neither is left.
    await TrackedWork.settle(this.persisting, this.pruning);
  }

  private fail(checkpointId: number, reason: CheckpointFailureReason): void {
    const pending = this.pending.get(checkpointId);
    if (!pending) return;
    this.pending.delete(checkpointId);
    this.deps.broadcast({ t: 'abort', checkpointId });
    this.recordFailed(pending, reason);
  }

  private recordFailed(pending: Pending, reason: CheckpointFailureReason, detail?: string): void {
    const { checkpointId, kind, waiters } = pending;
    const { spec, logger } = this.deps;
    const described = detail ? `${reason}: ${detail}` : reason;
    logger.warn(
      { job: spec.id, checkpoint: checkpointId, kind, reason: described },
      'snapshot failed',
    );
    this.deps.onSnapshotFailed?.(kind, reason);
    void this.history.failed(pending.inserted, { kind, checkpointId, reason: described });
    rejectAll(waiters, new Error(`${kind.toLowerCase()} ${checkpointId} failed: ${described}`));
    if (kind !== 'CHECKPOINT') return;
    this.lastFinishedAtMs = this.deps.now();
    this.consecutiveFailures += 1;
    const tolerated = spec.checkpointing.tolerableFailures;
    if (shouldFailJob(this.consecutiveFailures, tolerated, reason)) {
      this.deps.failJob(
        `${this.consecutiveFailures} consecutive checkpoint failures exceed the ${tolerated} tolerated (last: ${described})`,
      );
    }
  }
}
