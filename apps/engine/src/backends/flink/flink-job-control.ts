import { conflict, WeirError } from '../../errors/weir-error.js';
import { failureCauseInWords } from './flink-errors.js';
import { runJar } from './flink-jars.js';
import { jobPath } from './flink-paths.js';
import type { FlinkRestClient } from './flink-rest-client.js';
import {
  AnySchema,
  CheckpointingStatsSchema,
  ExecutionResultSchema,
  type FlinkJobDetails,
  type FlinkResourceRequirements,
  JarListSchema,
  JobConfigSchema,
  JobDetailsSchema,
  JobStateSchema,
  OverviewSchema,
  ResourceRequirementsSchema,
} from './flink-schemas.js';
import { type JarLaunch, type LaunchRecords, launchByName } from './job-launches.js';
import { hasEnded } from './job-status.js';
import { pollFor } from './poll.js';
import { resourceRequirements, runsAt } from './rescale-plan.js';

/** How often a new run is asked whether it has checkpointed yet. */
const FIRST_CHECKPOINT_POLL_MS = 250;

/** A run request: at which parallelism, from which savepoint. */
export type Run = { parallelism: number; savepointPath?: string; allowNonRestoredState?: boolean };

/**
 * Starting, stopping and rescaling Flink jobs, each answering once Flink is done: the job ran,
 * ended, or runs at its new parallelism, within `settleTimeoutMs`. It records how it started
 * each job, to run the program again.
 */
export class FlinkJobControl {
  constructor(
    private readonly client: FlinkRestClient,
    private readonly settleTimeoutMs: number,
    private readonly launches: LaunchRecords,
  ) {}

  /**
   * The job's state asked of the JobManager now (`/jobs/:id` is cached for seconds). For a
   * known job only: Flink answers an unknown one with HTTP 500, not 404.
   */
  async state(jobId: string): Promise<string> {
    return (await this.client.get(`${jobPath(jobId)}/status`, JobStateSchema)).status;
  }

  /** `PATCH /jobs/:id?mode=cancel`, answered once the job has ended. */
  async cancel(jobId: string): Promise<void> {
    // Flink accepts cancelling a cancelled job; Weir refuses it, as for its own jobs.
    const state = await this.state(jobId);
    if (hasEnded(state)) throw conflict(`job ${jobId} is already ${state}`);
    await this.client.patch(`${jobPath(jobId)}?mode=cancel`, AnySchema);
    await this.awaitEnd(jobId);
  }

  async awaitEnd(jobId: string): Promise<string> {
    return pollFor(
      `job ${jobId} to end`,
      async () => {
        const state = await this.state(jobId);
        return hasEnded(state) ? state : undefined;
      },
      this.settleTimeoutMs,
    );
  }

  /**
   * Runs the program (`POST /jars/:id/run`), remembering how under the new job's id, and
   * answers with that id once the job runs; a job that ends instead is an error saying why.
   */
  async run(launch: JarLaunch, run: Run): Promise<string> {
    const jobId = await runJar(this.client, launch.jarId, { ...launch, ...run });
    await this.launches.record(jobId, launch);
    const state = await pollFor(
      `job ${jobId} to run`,
      async () => {
        const current = await this.state(jobId);
        return current === 'RUNNING' || hasEnded(current) ? current : undefined;
      },
      this.settleTimeoutMs,
    );
    if (state !== 'RUNNING') {
      throw new WeirError(
        'INTERNAL',
        `job ${jobId} ended ${state} instead of running: ${await this.failureOf(jobId)}`,
        { domain: 'external' },
      );
    }
    return jobId;
  }

  /**
   * Waits for the job to complete its first checkpoint within `withinMs`; answers why it did
   * not (it ended, or ran without completing one), or null once it has.
   */
  async firstCheckpoint(jobId: string, withinMs: number): Promise<string | null> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const state = await this.state(jobId);
      if (hasEnded(state)) return `it ended ${state}: ${await this.failureOf(jobId)}`;
      // A job run from a savepoint has checkpoint statistics even without checkpointing.
      const stats = await this.client.get(
        `${jobPath(jobId)}/checkpoints`,
        CheckpointingStatsSchema,
      );
      if (stats.counts.completed > 0) return null;
      if (Date.now() >= deadline) return `it ran but completed no checkpoint within ${withinMs} ms`;
      await new Promise((resolve) => setTimeout(resolve, FIRST_CHECKPOINT_POLL_MS));
    }
  }

  /** How the job was started: as recorded here, else the uploaded jar named like the job. */
  async launchOf(details: FlinkJobDetails): Promise<JarLaunch> {
    const recorded = await this.launches.get(details.jid);
    if (recorded) return recorded;
    const [jars, config] = await Promise.all([
      this.client.get('/jars', JarListSchema),
      this.client.get(`${jobPath(details.jid)}/config`, JobConfigSchema),
    ]);
    return launchByName(details.name, jars, config['execution-config']?.['user-config'] ?? {});
  }

  /** The resource requirements that run the job's vertices at `targets` (adaptive scheduler). */
  async requirementsFor(
    jobId: string,
    targets: Map<string, number>,
  ): Promise<FlinkResourceRequirements> {
    const current = await this.client.get(
      `${jobPath(jobId)}/resource-requirements`,
      ResourceRequirementsSchema,
    );
    return resourceRequirements(current, targets);
  }

  /**
   * Rescales in place (`PUT /jobs/:id/resource-requirements`), answered once every vertex
   * runs at its target; the timeout says where the job stands and how many slots are free.
   */
  async rescaleInPlace(
    jobId: string,
    requirements: FlinkResourceRequirements,
    targets: Map<string, number>,
  ): Promise<void> {
    await this.client.put(
      `${jobPath(jobId)}/resource-requirements`,
      { json: requirements },
      AnySchema,
    );
    let last: FlinkJobDetails | undefined;
    const wanted = [...new Set(targets.values())].join('/');
    await pollFor(
      async () => {
        const now = [...new Set((last?.vertices ?? []).map((v) => v.parallelism))].join('/');
        const overview = await this.client.get('/overview', OverviewSchema);
        return `job ${jobId} to run at parallelism ${wanted} (it runs at ${now}; the cluster has ${overview['slots-available']} of ${overview['slots-total']} slots free)`;
      },
      async () => {
        last = await this.client.get(jobPath(jobId), JobDetailsSchema);
        return runsAt(last, targets) ? true : undefined;
      },
      this.settleTimeoutMs,
    );
  }

  /**
   * Why an ended job failed: its result's cause. A job that fails while it starts (from a
   * savepoint it cannot read) has nothing in its exception history; every failure has this.
   */
  private async failureOf(jobId: string): Promise<string> {
    const result = await this.client.get(
      `${jobPath(jobId)}/execution-result`,
      ExecutionResultSchema,
    );
    const cause = result['job-execution-result']?.['failure-cause'];
    return cause ? failureCauseInWords(cause) : 'Flink reported no cause';
  }
}
