import type {
  CheckpointFailureReason,
  JobException,
  JobSpec,
  JobStatus,
  SnapshotKind,
} from '@weir/contract';
import type { CheckpointHa } from '../checkpoint/checkpoint-ha.js';
import type { DeadLetterPublisher } from '../checkpoint/dead-letter-outbox.js';
import { type CompletedSnapshot, JobCheckpoints } from '../checkpoint/job-checkpoints.js';
import { restoreAssignment } from '../checkpoint/restore-assignment.js';
import type { SnapshotHistory } from '../checkpoint/snapshot-history.js';
import type { SnapshotPaths } from '../checkpoint/storage/paths.js';
import type { LoadedSnapshot } from '../checkpoint/storage/storage.js';
import type { Waiter } from '../checkpoint/waiters.js';
import { StateLeft } from '../core/abortable.js';
import { type JobGraphPlan, planJobGraph } from '../core/job-graph.js';
import { RingBuffer } from '../core/ring-buffer.js';
import type { Logger } from '../logging/logger.js';
import { planDeployment } from './execution/deployment.js';
import { JobObservations } from './job-observations.js';
import { JobStatusMachine } from './job-status.js';
import { JobRun, type RunFailure } from './lifecycle/job-run.js';
import type { JobEvent, JobState, Lifecycle } from './lifecycle/job-state.js';
import { Created, Deploying, Ended } from './lifecycle/states.js';

export type { CompletedSnapshot } from '../checkpoint/job-checkpoints.js';

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
  /** Where dead letters are kept once the snapshot covering them commits. */
  deadLetters?: DeadLetterPublisher;
  operatorsDir?: string | null;
  /** Records per channel batch and batches of credit per channel (flow-control window). */
  batchSize?: number;
  credits?: number;
  onStatusChange?: (status: JobStatus, from: JobStatus) => void;
  /** Each entry of the exceptions history, as it is recorded (the job's timeline keeps them). */
  onException?: (exception: JobException) => void;
  onSnapshotCompleted?: (snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (kind: SnapshotKind, reason: CheckpointFailureReason) => void;
}

/**
 * Runs one job across worker threads, like Flink's JobMaster. Its lifecycle is a state
 * machine (`lifecycle/states.ts`): worker reports, commands and timers all go through one
 * event queue to the current state, which names the next one; each state's own work runs
 * under an AbortController the job aborts as it leaves, and every run of the workers has its
 * own checkpoint coordinator. A state's work that fails goes to one handler, which fails the
 * job. What the workers report about the running job (metrics, dead letters, results) goes
 * to `observed`.
 */
export class JobMaster implements Lifecycle {
  readonly plan: JobGraphPlan;
  /**
   * The newest failures and recovery notes, oldest first. Bounded: a job crash-looping for
   * days would otherwise keep every stack, and the console polls this list.
   */
  readonly exceptions = new RingBuffer<JobException>(EXCEPTION_HISTORY_SIZE);
  /** Metrics, their history, dead letters and latest results, as the API shows them. */
  readonly observed: JobObservations;
  readonly checkpoints: JobCheckpoints;
  readonly failureTimes: number[] = [];
  startedAt: Date | null = null;
  restoredFrom: string | null = null;
  restarts = 0;
  /** Recoveries that skipped an invalid newer checkpoint; an alert rule watches it. */
  recoveryFallbacks = 0;

  private readonly machine: JobStatusMachine;
  private state: JobState = new Created();
  private readonly queue: JobEvent[] = [];
  private draining = false;
  /** Who waits for `start`: until the first run is up, or the job ends before that. */
  private starting: Waiter<void> | null = null;
  private readonly terminated: Promise<void>;
  private resolveTerminated!: () => void;

  constructor(
    readonly spec: JobSpec,
    private readonly deps: JobMasterDeps,
  ) {
    this.plan = planJobGraph(spec);
    this.observed = new JobObservations(this.plan);
    this.machine = new JobStatusMachine((from, to) => {
      deps.logger.info({ job: spec.id, from, to }, 'job status changed');
      deps.onStatusChange?.(to, from);
    });
    this.checkpoints = new JobCheckpoints({
      spec,
      plan: this.plan,
      paths: deps.paths,
      history: deps.history,
      logger: deps.logger,
      now: deps.now,
      ha: deps.checkpointHa,
      deadLetters: deps.deadLetters,
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
   * Deploys the job, restoring `restore` if given; resolves once its workers run (or it was
   * stopped first). Without HA services, checkpoint ids continue from `firstCheckpointId`.
   */
  start(options: { restore: LoadedSnapshot | null; firstCheckpointId?: number }): Promise<void> {
    this.checkpoints.continueFrom(options.firstCheckpointId ?? 1);
    const started = new Promise<void>((resolve, reject) => {
      this.starting = { resolve, reject };
    });
    this.dispatch({ type: 'deploy', restore: options.restore });
    return started;
  }

  /**
   * Stop-with-savepoint: sources stop right after the savepoint barrier (after advancing event
   * time to the end first if `drain`), the savepoint completes, sinks commit what it covers,
   * and the job ends FINISHED. A conflict unless the job is running.
   */
  stopWithSavepoint(options: { drain: boolean }): Promise<CompletedSnapshot> {
    return new Promise((resolve, reject) =>
      this.dispatch({
        type: 'stop-with-savepoint',
        drain: options.drain,
        reply: { resolve, reject },
      }),
    );
  }

  requestSavepoint(): Promise<CompletedSnapshot> {
    return new Promise((resolve, reject) =>
      this.dispatch({ type: 'savepoint', reply: { resolve, reject } }),
    );
  }

  /**
   * This instance lost leadership: stop at once, without touching any shared record; the new
   * leader recovers the job from its latest completed checkpoint.
   */
  suspend(): Promise<void> {
    this.dispatch({ type: 'suspend' });
    return this.terminated;
  }

  /** Stops the job where it is; resolves once it ended (at once if it had). */
  cancel(): Promise<void> {
    this.dispatch({ type: 'cancel' });
    return this.terminated;
  }

  /** Queues `event`; the queue is worked off in order, one event at a time. */
  dispatch(event: JobEvent): void {
    this.queue.push(event);
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.handle(next);
    } finally {
      this.draining = false;
    }
  }

  private handle(event: JobEvent): void {
    const state = this.state;
    try {
      switch (event.type) {
        case 'step':
          if (event.from === state) this.moveTo(event.to);
          return;
        case 'report':
          if (event.run === state.run) this.onReport(event);
          return;
        case 'failure':
        case 'finished':
          if (event.run !== state.run) return; // a run that ended already
          break;
        default:
          break;
      }
      const next = state.on(event, this);
      if (next) this.moveTo(next);
    } catch (error) {
      this.onStateFailed(state, error);
    }
  }

  private onReport({ run, slot, report }: Extract<JobEvent, { type: 'report' }>): void {
    switch (report.t) {
      case 'metrics':
        this.observed.onMetrics(slot, report);
        return;
      case 'failed':
        this.dispatch({ type: 'failure', run, failure: report });
        return;
      case 'ready':
        return;
      default:
        run.onCheckpointReport(slot, report);
        if (report.t === 'finished' && run.allFinished) this.dispatch({ type: 'finished', run });
    }
  }

  private moveTo(next: JobState): void {
    const from = this.state;
    from.left.abort();
    this.state = next;
    this.deps.logger.info(
      { job: this.spec.id, state: next.name, previous: from.name },
      'job lifecycle state',
    );
    if (next.status !== from.status) this.machine.transition(next.status);
    if (!(next instanceof Deploying)) {
      this.starting?.resolve();
      this.starting = null;
    }
    next.enter(this).catch((error: unknown) => this.onStateFailed(next, error));
  }

  /** The one handler for a state whose work failed: the job fails, its workers stopped. */
  private onStateFailed(state: JobState, error: unknown): void {
    // The job left the state while its work waited: what that work ran into is moot.
    if (error instanceof StateLeft || state.signal.aborted || state !== this.state) return;
    const failure = error instanceof Error ? error : new Error(String(error));
    this.deps.logger.error({ job: this.spec.id, state: state.name, err: failure }, 'job failed');
    this.recordException(`${state.name} failed: ${failure.message}`, { stack: failure.stack });
    this.starting?.reject(failure);
    this.starting = null;
    if (state instanceof Ended) return; // it ended anyway, as far as it could
    this.dispatch({ type: 'step', from: state, to: new Ended('FAILED', state.run) });
  }

  newRun(): JobRun {
    return new JobRun(
      this.spec,
      this.plan,
      this.checkpoints,
      {
        report: (run, slot, report) => this.dispatch({ type: 'report', run, slot, report }),
        failure: (run, failure) => this.dispatch({ type: 'failure', run, failure }),
      },
      this.deps.logger,
    );
  }

  deploy(run: JobRun, restore: LoadedSnapshot | null): Promise<void> {
    const inits = planDeployment(this.spec, this.plan, {
      credits: this.deps.credits,
      batchSize: this.deps.batchSize ?? 512,
      operatorsDir: this.deps.operatorsDir ?? null,
      ...restoreAssignment(this.spec, this.plan, restore),
    });
    this.observed.newRun();
    // Before the run's first ack: what the previous run owed is processed again from here.
    void this.checkpoints.deadLetters.restored(
      restore && {
        checkpointId: restore.manifest.checkpointId,
        writtenAt: new Date(restore.manifest.createdAt),
        deadLetters: restore.deadLetters,
      },
    );
    return run.start(inits);
  }

  deployed(restore: LoadedSnapshot | null, restart: boolean): void {
    this.startedAt = new Date(this.deps.now());
    if (restart) this.restarts += 1;
    if (!restore) return;
    this.restoredFrom = restore.dir;
    this.deps.logger.info(
      { job: this.spec.id, snapshot: restore.dir, checkpoint: restore.manifest.checkpointId },
      'restored state',
    );
  }

  failedOver(failure: RunFailure): void {
    const { vertexId, subtaskIndex, message, stack } = failure;
    this.recordException(message, { vertexId, subtaskIndex, stack });
    this.deps.logger.error(
      { job: this.spec.id, vertex: vertexId, subtask: subtaskIndex, error: message },
      'subtask failed',
    );
    this.failureTimes.push(this.deps.now());
  }

  /** An entry of the job's exceptions history; without a subtask, it concerns the whole job. */
  recordException(
    message: string,
    where: Partial<Pick<JobException, 'vertexId' | 'subtaskIndex' | 'stack'>> = {},
  ): void {
    const { vertexId = null, subtaskIndex = null, stack = null } = where;
    const exception = {
      at: new Date(this.deps.now()).toISOString(),
      vertexId,
      subtaskIndex,
      message,
      stack,
    };
    this.exceptions.push(exception);
    this.deps.onException?.(exception);
  }

  recoveryFellBack(): void {
    this.recoveryFallbacks += 1;
  }

  ended(): void {
    this.resolveTerminated();
  }

  now(): number {
    return this.deps.now();
  }
}
