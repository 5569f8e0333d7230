import type { JobOperation, RescaleRequest, RestoreRequest, Snapshot } from '@weir/contract';
import { conflict, invalidArgument } from '../../errors/weir-error.js';
import { OperationLog } from '../embedded/operation-log.js';
import type { FlinkJobControl, Run } from './flink-job-control.js';
import type { FlinkJobDetails } from './flink-schemas.js';
import type { JarLaunch } from './job-launches.js';
import { hasEnded } from './job-status.js';
import { jobParallelism } from './job-summary.js';
import { rescaleTargets, wholeJobParallelism } from './rescale-plan.js';

/**
 * Restores and rescales of Flink jobs, each an operation with phases like the embedded
 * engine's. Both check what they can before changing anything: a request that cannot run is
 * refused while the job still runs.
 */
export class FlinkOperations {
  private readonly log: OperationLog;

  constructor(
    private readonly jobs: FlinkJobControl,
    /** Takes a savepoint and ends the job at it; resolves once the job has ended. */
    private readonly stopWithSavepoint: (jobId: string) => Promise<Snapshot>,
    now: () => number,
  ) {
    this.log = new OperationLog(now);
  }

  /**
   * Runs the job's jar again from `snapshotPath`, after cancelling the job if it still runs.
   * Flink gives the restored job a new id (an ended job's id cannot be reused); its checkpoint
   * ids continue from the savepoint's.
   */
  async restore(request: RestoreRequest, details: FlinkJobDetails): Promise<JobOperation> {
    if (request.spec) {
      throw invalidArgument(
        'spec: a Flink job runs a jar, not a Weir job spec; restore it as it is',
      );
    }
    if (Object.keys(request.vertexParallelism ?? {}).length > 0) {
      throw invalidArgument(
        'vertexParallelism: a restored Flink job runs its jar at one parallelism; give `parallelism`',
      );
    }
    const launch = await this.jobs.launchOf(details);
    const run: Run = {
      parallelism: request.parallelism ?? jobParallelism(details),
      savepointPath: request.snapshotPath,
      allowNonRestoredState: request.allowNonRestoredState,
    };
    return this.log.run(request.jobId, 'restore', async (phase) => {
      if (!hasEnded(await this.jobs.state(request.jobId))) {
        phase('CANCELLING');
        await this.jobs.cancel(request.jobId);
      }
      phase('RESTORING');
      const resultJobId = await this.jobs.run(launch, run);
      return { snapshotPath: request.snapshotPath, resultJobId };
    });
  }

  /**
   * Under the adaptive scheduler, in place: new upper bounds for the vertices' parallelism
   * (`PUT /jobs/:id/resource-requirements`), done once every vertex runs at its target.
   * Otherwise stop with savepoint and run the jar again at the new parallelism (a new job id).
   */
  async rescale(request: RescaleRequest, details: FlinkJobDetails): Promise<JobOperation> {
    const { jobId } = request;
    if (details.state !== 'RUNNING') {
      throw conflict(`job ${jobId} is ${details.state}; only a running job can be rescaled`);
    }
    const targets = rescaleTargets(details, request);
    const scheduler = details.schedulerType ?? 'Default';
    if (scheduler.toLowerCase() === 'adaptive') {
      const requirements = await this.jobs.requirementsFor(jobId, targets);
      return this.log.run(jobId, 'rescale', async (phase) => {
        phase('RESCALING');
        await this.jobs.rescaleInPlace(jobId, requirements, targets);
        return { snapshotPath: null };
      });
    }
    const parallelism = wholeJobParallelism(targets, scheduler);
    const launch = await this.jobs.launchOf(details);
    return this.log.run(jobId, 'rescale', async (phase) => {
      phase('TAKING_SAVEPOINT');
      const savepoint = await this.stopWithSavepoint(jobId);
      phase('RESTORING');
      const resultJobId = await this.jobs.run(launch, {
        parallelism,
        savepointPath: savepoint.path ?? undefined,
      });
      return { snapshotPath: savepoint.path, resultJobId };
    });
  }

  /**
   * A new program for the job, with its state: stop with a savepoint, run `launch` from it,
   * and unless `rollbackAfterMs` is 0 wait for its first checkpoint; a program that fails to
   * start or does not checkpoint in time is cancelled and the previous one runs again from the
   * same savepoint (the operation fails, saying so). Refused before anything stops when the
   * job does not run or its previous program cannot be found to roll back to.
   */
  async upgrade(
    details: FlinkJobDetails,
    launch: JarLaunch,
    options: { parallelism?: number; allowNonRestoredState: boolean; rollbackAfterMs: number },
  ): Promise<JobOperation> {
    const jobId = details.jid;
    if (details.state !== 'RUNNING') {
      throw conflict(`job ${jobId} is ${details.state}; only a running job can be upgraded`);
    }
    const previous = await this.jobs.launchOf(details);
    const parallelism = options.parallelism ?? jobParallelism(details);
    return this.log.run(jobId, 'upgrade', async (phase) => {
      phase('TAKING_SAVEPOINT');
      const savepoint = await this.stopWithSavepoint(jobId);
      const savepointPath = savepoint.path ?? undefined;
      phase('STARTING');
      const started = await this.jobs
        .run(launch, {
          parallelism,
          savepointPath,
          allowNonRestoredState: options.allowNonRestoredState,
        })
        .then(
          (newJobId) => ({ newJobId, failure: null }),
          (error: Error) => ({ newJobId: null, failure: `it did not start: ${error.message}` }),
        );
      let failure = started.failure;
      if (started.newJobId && options.rollbackAfterMs > 0) {
        phase('VERIFYING');
        failure = await this.jobs.firstCheckpoint(started.newJobId, options.rollbackAfterMs);
      }
      if (failure === null)
        return { snapshotPath: savepoint.path, resultJobId: started.newJobId ?? undefined };
      phase('ROLLING_BACK');
      if (started.newJobId && !hasEnded(await this.jobs.state(started.newJobId)))
        await this.jobs.cancel(started.newJobId);
      const restored = await this.jobs.run(previous, {
        parallelism: jobParallelism(details),
        savepointPath,
      });
      throw conflict(
        `the new program did not prove itself: ${failure}; rolled back: job ${restored} runs the previous program from ${savepoint.path}`,
      );
    });
  }

  get(operationId: string): JobOperation {
    return this.log.get(operationId);
  }

  ofJob(jobId: string): JobOperation[] {
    return this.log.ofJob(jobId);
  }
}
