import type { JobStatus } from '@weir/contract';
import type { CompletedSnapshot } from '../../checkpoint/job-checkpoints.js';
import { leadershipLost } from '../../checkpoint/snapshot-failure.js';
import type { LoadedSnapshot } from '../../checkpoint/storage/storage.js';
import type { Waiter } from '../../checkpoint/waiters.js';
import { abortable, sleep } from '../../core/abortable.js';
import { conflict } from '../../errors/weir-error.js';
import { decideRestart } from '../restart-strategy.js';
import type { JobRun } from './job-run.js';
import { type JobCommand, JobState, type Lifecycle, refuse } from './job-state.js';

/**
 * The job lifecycle, one class per state. Each reacts to commands and failures by naming the
 * next state; its own work runs in `enter` and ends in a `step` to the state after it.
 *
 *   Created ─► Deploying ─► Running ─┬─► Finishing ──────────► Ended FINISHED
 *                  ▲                 ├─► StoppingWithSavepoint ► Ended FINISHED
 *                  │                 ├─► Cancelling ─────────► Ended CANCELED
 *             Restarting ◄─ Failing ◄┘ (any state with a live run) ─► Ended FAILED
 *
 * A suspend (leadership lost) ends any state that is not over in Ended SUSPENDED.
 */

/** Submitted, nothing deployed yet. */
export class Created extends JobState {
  readonly status = 'CREATED';
  readonly name = 'created';

  on(command: JobCommand, job: Lifecycle): JobState | null {
    if (command.type === 'deploy') return new Deploying(job, command.restore, 'CREATED');
    if (command.type === 'cancel') return new Ended('CANCELED', null);
    if (command.type === 'suspend') return new Ended('SUSPENDED', null);
    return refuse(command, job, 'has not started');
  }
}

/**
 * The run's workers start, from `restore` or empty. Reports may come before they are all up
 * (a subtask can finish at once): a failure fails the run over, and a run that finished
 * meanwhile goes straight on to finishing.
 */
export class Deploying extends JobState {
  readonly name: string;
  override readonly run: JobRun;

  constructor(
    job: Lifecycle,
    private readonly restore: LoadedSnapshot | null,
    readonly status: JobStatus & ('CREATED' | 'RESTARTING'),
  ) {
    super();
    this.run = job.newRun();
    this.name = status === 'CREATED' ? 'deploying' : 'restarting';
  }

  override async enter(job: Lifecycle): Promise<void> {
    await abortable(this.signal, job.deploy(this.run, this.restore));
    job.deployed(this.restore, this.status === 'RESTARTING');
    this.step(job, this.run.allFinished ? new Finishing(this.run) : new Running(this.run));
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    // Checked once the workers are up: a run may finish before that.
    if (command.type === 'finished') return null;
    // Not CANCELLING: nothing runs yet that a cancel would wait for.
    if (command.type === 'cancel') return new Ended('CANCELED', this.run);
    return onLiveRun(this, command, job) ?? refuse(command, job, `is ${this.status}, not RUNNING`);
  }
}

/** Waits out the restart delay, then picks the checkpoint the next run restores. */
export class Restarting extends JobState {
  readonly status = 'RESTARTING';
  readonly name = 'restarting';

  constructor(private readonly delayMs: number) {
    super();
  }

  override async enter(job: Lifecycle): Promise<void> {
    await sleep(this.delayMs, this.signal);
    const recovery = await abortable(this.signal, job.checkpoints.recover());
    if (recovery.skipped.length > 0) job.recoveryFellBack();
    for (const skipped of recovery.skipped)
      job.recordException(`recovery skipped ${skipped.message}`);
    this.step(job, new Deploying(job, recovery.snapshot, 'RESTARTING'));
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    if (command.type === 'cancel') return new Ended('CANCELED', null);
    if (command.type === 'suspend') return new Ended('SUSPENDED', null);
    return refuse(command, job, 'is RESTARTING, not RUNNING');
  }
}

/** A state that answers for a run whose workers are up (or being stopped). */
abstract class WithRun extends JobState {
  constructor(override readonly run: JobRun) {
    super();
  }
}

/** Ticks the run's checkpoint coordinator (timeouts, periodic triggers) while the state lasts. */
function tickWhileCurrent(state: JobState, job: Lifecycle): void {
  const everyMs = Math.max(10, Math.min(100, job.spec.checkpointing.intervalMs / 4));
  const ticker = setInterval(() => job.dispatch({ type: 'tick' }), everyMs);
  state.signal.addEventListener('abort', () => clearInterval(ticker), { once: true });
}

/** Checkpoints periodically and takes savepoints asked for. */
export class Running extends WithRun {
  readonly status = 'RUNNING';
  readonly name = 'running';

  override async enter(job: Lifecycle): Promise<void> {
    tickWhileCurrent(this, job);
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    switch (command.type) {
      case 'tick':
        this.run.checkpoints.tick();
        return null;
      case 'savepoint':
        this.run.checkpoints.requestSavepoint().then(command.reply.resolve, command.reply.reject);
        return null;
      case 'stop-with-savepoint':
        return new StoppingWithSavepoint(this.run, command.drain, command.reply);
      case 'finished':
        return new Finishing(this.run);
      default:
        return onLiveRun(this, command, job);
    }
  }
}

/**
 * Every subtask finished: sinks commit what they hold with the final checkpoint (FLIP-147),
 * and only then does the job finish.
 */
export class Finishing extends WithRun {
  readonly status = 'RUNNING';
  readonly name = 'finishing';

  override async enter(job: Lifecycle): Promise<void> {
    tickWhileCurrent(this, job);
    const final = await abortable(this.signal, this.run.checkpoints.finalCheckpoint());
    await abortable(this.signal, this.run.sinksNotified(final.checkpointId));
    await abortable(this.signal, this.run.stop(conflict('the job finished')));
    this.step(job, new Ended('FINISHED', null));
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    if (command.type === 'tick') {
      this.run.checkpoints.tick();
      return null;
    }
    return onLiveRun(this, command, job) ?? refuse(command, job, 'is finishing');
  }
}

/**
 * Stop-with-savepoint: sources stop right after the savepoint barrier (after advancing event
 * time to the end first if `drain`), the savepoint completes, sinks commit what it covers, and
 * the job ends FINISHED. No periodic checkpoint starts meanwhile. If the savepoint fails, the
 * job runs on; if the run ends another way after it completed, the savepoint still stands.
 */
export class StoppingWithSavepoint extends WithRun {
  readonly status = 'RUNNING';
  readonly name = 'stopping with a savepoint';

  constructor(
    run: JobRun,
    private readonly drain: boolean,
    private readonly reply: Waiter<CompletedSnapshot>,
  ) {
    super(run);
  }

  override async enter(job: Lifecycle): Promise<void> {
    let savepoint: CompletedSnapshot;
    try {
      savepoint = await this.run.checkpoints.stopWithSavepoint({ drain: this.drain });
    } catch (error) {
      this.reply.reject(error as Error);
      this.step(job, new Running(this.run));
      return;
    }
    try {
      await abortable(this.signal, this.run.sinksNotified(savepoint.checkpointId));
      await abortable(this.signal, this.run.stop(conflict('the job was stopped with a savepoint')));
      this.step(job, new Ended('FINISHED', null));
    } finally {
      // Whatever ended the run, the savepoint completed and stands.
      this.reply.resolve(savepoint);
    }
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    // Its sources stop after the barrier: the run finishing is how this stop goes.
    if (command.type === 'tick' || command.type === 'finished') return null;
    return onLiveRun(this, command, job) ?? refuse(command, job, 'is already stopping');
  }
}

/** What every state with live workers does on a failure, a cancel or a suspend. */
function onLiveRun(state: JobState & { run: JobRun }, command: JobCommand, job: Lifecycle) {
  switch (command.type) {
    case 'failure':
      job.failedOver(command.failure);
      return new Failing(state.run);
    case 'cancel':
      return new Cancelling(state.run);
    case 'suspend':
      return new Ended('SUSPENDED', state.run);
    default:
      return null;
  }
}

/** A run failed: its workers stop, then the restart strategy decides. */
export class Failing extends WithRun {
  readonly status = 'FAILING';
  readonly name = 'failing over';

  override async enter(job: Lifecycle): Promise<void> {
    await abortable(this.signal, this.run.stop(conflict('the job failed and is failing over')));
    const failedAt = job.failureTimes.at(-1) ?? job.now();
    const decision = decideRestart(job.spec.restartStrategy, job.failureTimes, failedAt);
    if (decision.restart) {
      this.step(job, new Restarting(decision.delayMs));
      return;
    }
    job.recordException(`not restarting: ${decision.reason}`);
    this.step(job, new Ended('FAILED', null));
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    if (command.type === 'cancel') return new Ended('CANCELED', this.run);
    if (command.type === 'suspend') return new Ended('SUSPENDED', this.run);
    // Further failures of the run being stopped change nothing.
    return refuse(command, job, 'is FAILING, not RUNNING');
  }
}

/** An operator's cancel: the workers stop where they are. */
export class Cancelling extends WithRun {
  readonly status = 'CANCELLING';
  readonly name = 'cancelling';

  override async enter(job: Lifecycle): Promise<void> {
    await abortable(this.signal, this.run.stop(conflict('the job was cancelled')));
    this.step(job, new Ended('CANCELED', null));
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    // A suspend waits for the cancel to end the job; nothing else changes it now.
    return refuse(command, job, 'is CANCELLING, not RUNNING');
  }
}

/**
 * A terminal state: FINISHED, CANCELED, FAILED, or SUSPENDED (this instance lost leadership;
 * the new leader recovers the job from its latest completed checkpoint). Stops the run it
 * was entered with, if any, then tells the job it ended.
 */
export class Ended extends JobState {
  readonly name: string;

  constructor(
    readonly status: JobStatus & ('FINISHED' | 'CANCELED' | 'FAILED' | 'SUSPENDED'),
    override readonly run: JobRun | null,
  ) {
    super();
    this.name = status.toLowerCase();
  }

  override async enter(job: Lifecycle): Promise<void> {
    // Not abortable: nothing leaves a terminal state, and the workers must be gone first.
    try {
      await this.run?.stop(
        this.status === 'SUSPENDED'
          ? leadershipLost('this instance lost leadership')
          : conflict(`the job ${this.name}`),
      );
    } finally {
      job.ended();
    }
  }

  on(command: JobCommand, job: Lifecycle): JobState | null {
    return refuse(command, job, `is ${this.status}, not RUNNING`);
  }
}
