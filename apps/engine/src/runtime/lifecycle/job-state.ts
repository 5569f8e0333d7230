import type { JobException, JobSpec, JobStatus } from '@weir/contract';
import type { CompletedSnapshot, JobCheckpoints } from '../../checkpoint/job-checkpoints.js';
import type { LoadedSnapshot } from '../../checkpoint/storage/storage.js';
import type { Waiter } from '../../checkpoint/waiters.js';
import type { WorkerReport } from '../../core/messages.js';
import { conflict } from '../../errors/weir-error.js';
import type { JobRun, RunFailure } from './job-run.js';

/** Everything that happens to a job goes through its one queue as one of these. */
export type JobEvent =
  | { type: 'report'; run: JobRun; slot: number; report: WorkerReport }
  | { type: 'failure'; run: JobRun; failure: RunFailure }
  /** Every subtask of the run finished. */
  | { type: 'finished'; run: JobRun }
  | { type: 'tick' }
  /** Start the job's first run, from `restore` or empty. */
  | { type: 'deploy'; restore: LoadedSnapshot | null }
  | { type: 'cancel' }
  | { type: 'suspend' }
  | { type: 'savepoint'; reply: Waiter<CompletedSnapshot> }
  | { type: 'stop-with-savepoint'; drain: boolean; reply: Waiter<CompletedSnapshot> }
  /** A state's own work finished and names the state that follows it. */
  | { type: 'step'; from: JobState; to: JobState };

export type JobCommand = Exclude<JobEvent, { type: 'report' | 'step' }>;

/** What lifecycle states may do with their job. */
export interface Lifecycle {
  readonly spec: JobSpec;
  readonly checkpoints: JobCheckpoints;
  dispatch(event: JobEvent): void;
  /** A new run of the job's workers (not started). */
  newRun(): JobRun;
  /** Starts `run` from `restore`; resolves when its workers are up. */
  deploy(run: JobRun, restore: LoadedSnapshot | null): Promise<void>;
  /** The run's workers are up: what the API shows of the job changes with it. */
  deployed(restore: LoadedSnapshot | null, restart: boolean): void;
  /** A failure of the live run: recorded, and the time counted by the restart strategy. */
  failedOver(failure: RunFailure): void;
  /** Failure times the restart strategy weighs, oldest first. */
  readonly failureTimes: readonly number[];
  recordException(message: string, where?: Partial<Pick<JobException, 'stack'>>): void;
  recoveryFellBack(): void;
  /** The job reached a terminal state and released everything it held. */
  ended(): void;
  now(): number;
}

/**
 * One state of a job's lifecycle (Arroyo's controller states are the model). A state reacts
 * to events by naming the next state; its own work (`enter`) runs under its AbortController,
 * which the job aborts as it leaves, so no work resumes into a state that is over. Work that
 * finishes dispatches a `step` event naming the next state, which counts only while its state
 * is still current.
 */
export abstract class JobState {
  readonly left = new AbortController();
  abstract readonly status: JobStatus;
  /** For logs and the exceptions history, e.g. "restarting". */
  abstract readonly name: string;
  /** The run whose workers this state answers for; reports of any other run are stale. */
  readonly run: JobRun | null = null;

  /** The state's own work, started as the job enters it. */
  enter(_job: Lifecycle): Promise<void> {
    return Promise.resolve();
  }

  /** The state that follows `command` here, or null to stay. */
  abstract on(command: JobCommand, job: Lifecycle): JobState | null;

  /** Leaves this state for `to`, if it is still current when the queue gets there. */
  protected step(job: Lifecycle, to: JobState): void {
    job.dispatch({ type: 'step', from: this, to });
  }

  get signal(): AbortSignal {
    return this.left.signal;
  }
}

/**
 * A command this state does not act on: one that waits for an answer (a savepoint) is told
 * it conflicts with the job's state; the rest (a late failure, a tick) change nothing.
 */
export function refuse(command: JobCommand, job: Lifecycle, why: string): null {
  if ('reply' in command) command.reply.reject(conflict(`job ${job.spec.id} ${why}`));
  return null;
}
