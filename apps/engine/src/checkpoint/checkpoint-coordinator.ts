import type { CheckpointFailureReason, JobSpec, SnapshotKind } from '@weir/contract';
import type { ControlMessage, WorkerReport } from '../core/messages.js';
import { conflict, unavailable, WeirError } from '../errors/weir-error.js';
import { decideTrigger, shouldFailJob } from './coordinator.js';
import type { CompletedSnapshot, JobCheckpoints } from './job-checkpoints.js';
import { PendingCheckpoint, type SubtaskAck } from './pending-checkpoint.js';
import { SentStateMirror } from './sent-state-mirror.js';
import { leadershipLost, snapshotFailure } from './snapshot-failure.js';
import { snapshotDir } from './storage/paths.js';
import { SegmentLocations } from './storage/segment-plan.js';
import { pruneCheckpoints } from './storage/storage.js';
import { TrackedWork } from './tracked-work.js';
import { rejectAll, resolveAll, type Waiter as Waiters } from './waiters.js';
import { writeAndCommit } from './write-and-commit.js';

export type { CompletedSnapshot } from './job-checkpoints.js';

type Waiter = Waiters<CompletedSnapshot>;

/** A checkpoint waiting for acks, with who waits for it and its history row's insert. */
type Pending = PendingCheckpoint & { waiters: Waiter[]; inserted: Promise<void> };

/** A trigger waiting for its checkpoint id; it counts as in flight. */
interface Acquiring {
  waiters: Waiter[];
}

export interface RunCheckpointDeps {
  /** Sends a control message to every worker of this run. */
  broadcast: (message: ControlMessage) => void;
  /** More consecutive checkpoint failures than the job tolerates: fail the run over. */
  failJob: (message: string) => void;
}

/**
 * The checkpoint side of one run of a job, like Flink's CheckpointCoordinator: triggers
 * checkpoints and savepoints, collects acknowledgements, writes the snapshot once every
 * subtask acknowledged, then lets sinks commit. A subtask that finished acknowledges every
 * later checkpoint with the state it finished with (FLIP-147), so a partly finished job keeps
 * taking checkpoints and a restore knows which subtasks have nothing left to do.
 *
 * It lives exactly as long as its run: a restart gets a new one, so nothing of an ended run
 * (an id on its way, a late ack) can reach the next. What outlives runs is in JobCheckpoints.
 */
export class CheckpointCoordinator {
  /** Triggers waiting for their id; one abandoned meanwhile is dropped when its id comes. */
  private readonly acquiring = new Set<Acquiring>();
  private lastTriggeredAtMs: number | null = null;
  private consecutiveFailures = 0;
  private readonly runStartedAtMs: number;
  private readonly pending = new Map<number, Pending>();
  private readonly savepointWaiters: Waiter[] = [];
  /** Waiting for the final checkpoint (see `finalCheckpoint`). */
  private readonly finalWaiters: Waiter[] = [];
  /** The final checkpoint, once one completed: nothing is left to checkpoint after it. */
  private final: CompletedSnapshot | null = null;
  /** Snapshots being written; stopping waits for them so no write outlives the job. */
  private readonly persisting = new TrackedWork();
  private readonly pruning = new TrackedWork();
  /** The final acknowledgement of each finished subtask of this run, by "vertex/index". */
  private readonly finished = new Map<string, SubtaskAck>();
  private readonly totalSubtasks: number;
  private readonly sentState = new SentStateMirror();
  private readonly stored = new SegmentLocations();
  private readonly spec: JobSpec;

  constructor(
    private readonly job: JobCheckpoints,
    private readonly run: RunCheckpointDeps,
  ) {
    this.spec = job.deps.spec;
    this.totalSubtasks = job.deps.plan.vertices.reduce((sum, v) => sum + v.parallelism, 0);
    this.runStartedAtMs = job.deps.now();
  }

  /** Checkpoints triggered and not yet written: waiting for an id, for acks, or being written. */
  private get inFlight(): number {
    return this.pending.size + this.persisting.size + this.acquiring.size;
  }

  get finishedSubtasks(): number {
    return this.finished.size;
  }

  /** Periodic work: time out what took too long, then trigger what is due. */
  tick(): void {
    const now = this.job.deps.now();
    const { checkpointing } = this.spec;
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
      lastFinishedAtMs: this.job.lastFinishedAtMs,
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
    const final = this.final;
    if (final) return Promise.resolve(final);
    const completed = new Promise<CompletedSnapshot>((resolve, reject) =>
      this.finalWaiters.push({ resolve, reject }),
    );
    // At once rather than at the next tick: a bounded job's end waited up to 100 ms for it.
    this.tick();
    return completed;
  }

  /**
   * Every subtask finished: one checkpoint at a time, at once (no interval), until one
   * completes, and none after it. (Needing no worker, final checkpoints would otherwise go on
   * while the run stops, and on a slow disk the stop, which waits for writes, never ended.)
   */
  private triggerFinal(now: number): void {
    if (this.final) return;
    const { minPauseMs } = this.spec.checkpointing;
    const pausing =
      this.job.lastFinishedAtMs !== null && now - this.job.lastFinishedAtMs < minPauseMs;
    if (this.inFlight === 0 && !pausing) this.trigger('CHECKPOINT', []);
  }

  /**
   * A savepoint at the next tick. Triggering it at once here made the savepoint scheduler's
   * retention test fail 2 runs in 6 (a fourth savepoint kept): left as it was until that is
   * understood.
   */
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
    const now = this.job.deps.now();
    if (kind === 'CHECKPOINT') this.lastTriggeredAtMs = now;
    const trigger: Acquiring = { waiters };
    this.acquiring.add(trigger);
    this.job.ha.nextCheckpointId().then(
      (checkpointId) => {
        // Abandoned while the id was on its way (the run ended, or a stop-with-savepoint
        // began): `failAll` told its waiters already.
        if (!this.acquiring.delete(trigger)) return;
        this.start(checkpointId, kind, now, waiters, stop);
      },
      (error: Error) => {
        if (!this.acquiring.delete(trigger)) return;
        this.job.deps.logger.info(
          { job: this.spec.id, kind, reason: error.message },
          'snapshot not triggered: no checkpoint id',
        );
        const why = `no checkpoint id: ${error.message}`;
        rejectAll(waiters, error instanceof WeirError ? error : unavailable(why, error));
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
    const inserted = this.job.history.triggered(kind, checkpointId, new Date(now));
    const pending = Object.assign(
      new PendingCheckpoint(checkpointId, kind, now, this.totalSubtasks),
      { waiters, inserted },
    );
    this.pending.set(checkpointId, pending);
    this.run.broadcast({ t: 'trigger', checkpointId, kind, stop });
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
      this.run.failJob((error as Error).message);
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
      deadLetters: report.deadLetters,
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
    return this.job.ha.renewLease(checkpointId);
  }

  onDecline(checkpointId: number): void {
    this.fail(checkpointId, 'DECLINED');
  }

  private acknowledge(checkpointId: number, ack: SubtaskAck): void {
    this.job.deadLetters.received(ack.deadLetters);
    const pending = this.pending.get(checkpointId);
    if (!pending) return; // late ack of a checkpoint that already failed
    if (pending.acknowledge(ack, this.job.deps.now())) {
      this.pending.delete(checkpointId);
      this.persisting.track(this.persist(pending));
    }
  }

  /** Every subtask acknowledged: write state and manifest, then let sinks commit. */
  private async persist(pending: Pending): Promise<void> {
    const { checkpointId, kind } = pending;
    const { spec, paths, now } = this.job.deps;
    const dir = snapshotDir(paths, spec.id, checkpointId, kind);
    try {
      const writeStarted = now();
      const deadLetters = this.job.deadLetters.forSnapshot(checkpointId, pending.deadLetters());
      const { written, commit } = await writeAndCommit(
        { ha: this.job.ha, claims: paths.claims, stored: this.stored },
        { kind, checkpointId, dir, retained: spec.checkpointing.retained },
        pending.content(spec, this.job.deps.plan, deadLetters),
      );
      const { sizeBytes, writtenBytes } = written;
      const stats = pending.stats(now() - writeStarted, writtenBytes);
      if (commit.outcome === 'refused') return this.recordFailed(pending, 'NOT_LEADER');
      if (commit.outcome === 'deposed') {
        const lost = `leadership was lost after snapshot ${checkpointId} committed`;
        return rejectAll(pending.waiters, leadershipLost(lost));
      }
      // Sinks first, before anything that waits (the history's database write): their lease
      // is running, and a leader paused past it leaves this checkpoint's effects to its successor.
      this.run.broadcast({ t: 'complete', checkpointId, leaseUntilMs: commit.leaseUntilMs });
      const publishing = this.job.deadLetters.committed(deadLetters);
      const done: CompletedSnapshot = {
        checkpointId,
        kind,
        path: dir,
        triggeredAt: new Date(pending.triggeredAtMs),
        durationMs: now() - pending.triggeredAtMs,
        sizeBytes,
      };
      this.job.deps.logger.info(
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
        this.job.lastCompleted = done;
        this.consecutiveFailures = 0;
        this.job.lastFinishedAtMs = now();
        this.pruneInBackground();
      }
      await this.job.history.completed(pending.inserted, {
        kind,
        checkpointId,
        completedAt: new Date(now()),
        durationMs: done.durationMs,
        sizeBytes,
        path: dir,
        stats,
      });
      await publishing;
      this.job.deps.onSnapshotCompleted?.(done);
      resolveAll(pending.waiters, done);
      if (kind === 'CHECKPOINT' && pending.coversFinalStates) {
        this.final = done;
        resolveAll(this.finalWaiters, done);
      }
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
      this.job.deps.paths.checkpointsOf(this.spec.id),
      this.spec.checkpointing.retained,
      new Set(this.pending.keys()),
      this.job.deps.paths.claims,
      () => this.job.ha.recoverableIds(),
    ).catch((err: unknown) =>
      this.job.deps.logger.warn({ job: this.spec.id, err }, 'pruning old checkpoints failed'),
    );
    this.pruning.track(pruning);
  }

  /** Fails every checkpoint in flight and every savepoint asked for (the run is ending). */
  failAll(reason: CheckpointFailureReason, error?: Error): void {
    const abandoned = error ?? conflict(`the run's snapshots were abandoned: ${reason}`);
    for (const trigger of this.acquiring) rejectAll(trigger.waiters, abandoned);
    this.acquiring.clear();
    for (const id of [...this.pending.keys()]) this.fail(id, reason, error);
    rejectAll(this.savepointWaiters, abandoned);
    rejectAll(this.finalWaiters, abandoned);
  }

  /** Resolves once no snapshot is being written and no prune runs. */
  async settle(): Promise<void> {
    // A write finishing here may start a prune: wait until neither is left.
    await TrackedWork.settle(this.persisting, this.pruning);
  }

  /** `error`, if given, is what its waiters hear (why the run ended) instead of `reason`. */
  private fail(checkpointId: number, reason: CheckpointFailureReason, error?: Error): void {
    const pending = this.pending.get(checkpointId);
    if (!pending) return;
    this.pending.delete(checkpointId);
    this.run.broadcast({ t: 'abort', checkpointId });
    this.recordFailed(pending, reason, undefined, error);
  }

  private recordFailed(
    pending: Pending,
    reason: CheckpointFailureReason,
    detail?: string,
    error?: Error,
  ): void {
    const { checkpointId, kind, waiters } = pending;
    const { spec, logger } = this.job.deps;
    const described = detail ? `${reason}: ${detail}` : reason;
    logger.warn(
      { job: spec.id, checkpoint: checkpointId, kind, reason: described },
      'snapshot failed',
    );
    this.job.deps.onSnapshotFailed?.(kind, reason);
    void this.job.history.failed(pending.inserted, { kind, checkpointId, reason: described });
    rejectAll(waiters, error ?? snapshotFailure(kind, checkpointId, reason, detail));
    if (kind !== 'CHECKPOINT') return;
    this.job.lastFinishedAtMs = this.job.deps.now();
    this.consecutiveFailures += 1;
    const tolerated = spec.checkpointing.tolerableFailures;
    if (shouldFailJob(this.consecutiveFailures, tolerated, reason)) {
      this.run.failJob(
        `${this.consecutiveFailures} consecutive checkpoint failures exceed the ${tolerated} tolerated (last: ${described})`,
      );
    }
  }
}
