import type { JobSpec } from '@weir/contract';
import { CheckpointCoordinator } from '../../checkpoint/checkpoint-coordinator.js';
import type { JobCheckpoints } from '../../checkpoint/job-checkpoints.js';
import type { JobGraphPlan } from '../../core/job-graph.js';
import type { WorkerInit, WorkerReport } from '../../core/messages.js';
import type { WeirError } from '../../errors/weir-error.js';
import type { Logger } from '../../logging/logger.js';
import { startWorkers, type WorkerPool } from '../execution/worker-pool.js';
import { SlotNotifications } from '../slot-notifications.js';

export interface RunFailure {
  vertexId: string | null;
  subtaskIndex: number | null;
  message: string;
  stack: string | null;
}

/** What a run tells its job; every call names the run, so the job can drop a stale one's. */
export interface RunListener {
  report(run: JobRun, slot: number, report: WorkerReport): void;
  failure(run: JobRun, failure: RunFailure): void;
}

/**
 * One deployment of a job: its workers, the checkpoint coordinator of this run and the
 * sinks' completion notices. A restart makes a new run, so nothing of an ended run (an ack,
 * an id on its way, a waiter) can reach the next. `stop` is idempotent and waits for a start
 * still under way, so no worker outlives its run.
 */
export class JobRun {
  readonly checkpoints: CheckpointCoordinator;
  private readonly notifications = new SlotNotifications();
  private pool: WorkerPool | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private readonly totalSubtasks: number;
  /** Worker slots: each tells once per completed checkpoint that its sinks were notified. */
  private readonly slots: number;

  constructor(
    private readonly spec: JobSpec,
    plan: JobGraphPlan,
    private readonly jobCheckpoints: JobCheckpoints,
    private readonly listener: RunListener,
    private readonly logger: Logger,
  ) {
    this.totalSubtasks = plan.vertices.reduce((sum, v) => sum + v.parallelism, 0);
    this.slots = Math.max(...plan.vertices.map((v) => v.parallelism));
    this.checkpoints = new CheckpointCoordinator(jobCheckpoints, {
      broadcast: (message) => this.pool?.broadcast(message),
      failJob: (message) =>
        listener.failure(this, { vertexId: null, subtaskIndex: null, message, stack: null }),
    });
  }

  /** Every subtask of this run finished (its sources ran out, or stopped at a savepoint). */
  get allFinished(): boolean {
    return this.checkpoints.finishedSubtasks === this.totalSubtasks;
  }

  /** Starts the workers; a run stopped meanwhile stops them as soon as they are up. */
  start(inits: WorkerInit[]): Promise<void> {
    this.starting = startWorkers(inits, {
      onReport: (slot, report) => this.listener.report(this, slot, report),
      onCrash: (slot, error) =>
        this.listener.failure(this, {
          vertexId: `slot ${slot}`,
          subtaskIndex: null,
          message: error.message,
          stack: error.stack ?? null,
        }),
    }).then((pool) => {
      if (this.stopping) return pool.stop();
      this.pool = pool;
    });
    return this.starting;
  }

  /** The checkpoint side of a worker report (acks, final states, sink notices). */
  onCheckpointReport(slot: number, report: WorkerReport): void {
    switch (report.t) {
      case 'ack':
        this.checkpoints.onAck(report);
        return;
      case 'finished':
        this.checkpoints.onFinished(report);
        return;
      case 'decline':
        this.checkpoints.onDecline(report.checkpointId);
        return;
      case 'notified':
        if (report.leaseEnded) void this.renotify(slot, report.checkpointId);
        else this.notifications.record(report.checkpointId);
        return;
      default:
        return;
    }
  }

  /** Resolves once every slot's sinks were told that `checkpointId` completed. */
  sinksNotified(checkpointId: number): Promise<void> {
    return this.notifications.waitFor(checkpointId, this.slots);
  }

  /**
   * A slot's sinks found their lease over and wrote nothing of a completed checkpoint (this
   * instance was paused). If it still leads they get a fresh lease and write now; else its
   * successor restores the checkpoint and writes it.
   */
  private async renotify(slot: number, checkpointId: number): Promise<void> {
    this.logger.warn(
      { job: this.spec.id, checkpoint: checkpointId, slot },
      'sinks found the leadership lease over (this process was paused): asking for a new one',
    );
    const leaseUntilMs = await this.jobCheckpoints.ha.renewLease(checkpointId);
    if (leaseUntilMs !== null) this.pool?.post(slot, { t: 'complete', checkpointId, leaseUntilMs });
  }

  /**
   * Stops the workers and fails whatever was in flight: who waits for a snapshot of this run
   * hears `reason`. One stop, whoever asks. The workers close their operators first (bounded
   * by `STOP_GRACE_MS`), so connections end cleanly; a worker that crashed is simply gone.
   */
  stop(reason: WeirError): Promise<void> {
    this.stopping ??= this.stopOnce(reason);
    return this.stopping;
  }

  private async stopOnce(reason: WeirError): Promise<void> {
    this.checkpoints.failAll('JOB_STOPPED', reason);
    this.notifications.abandon(reason);
    // A start under way stops its workers itself once they are up (see `start`).
    await this.starting?.catch(() => {});
    const pool = this.pool;
    this.pool = null;
    await pool?.stop();
    await this.checkpoints.settle();
  }
}
