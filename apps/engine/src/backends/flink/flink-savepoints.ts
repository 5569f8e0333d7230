import type { SavepointTriggerStatus, Snapshot } from '@weir/contract';
import { conflict, WeirError } from '../../errors/weir-error.js';
import { jobPath } from './flink-paths.js';
import type { FlinkRestClient } from './flink-rest-client.js';
import { AsyncOperationSchema, CheckpointingStatsSchema, TriggerSchema } from './flink-schemas.js';
import { pollFor } from './poll.js';
import { flinkTriggerId, operationOutcome, savepointDirectory } from './savepoint-operations.js';
import { SavepointRecords, type SavepointStore } from './savepoint-records.js';
import { savepointAt } from './snapshots.js';

export interface SavepointBounds {
  /** How long a savepoint or a disposal may take before Weir stops waiting for it. */
  savepointTimeoutMs: number;
  /** How long Flink's statistics may take to show a completed savepoint. */
  settleTimeoutMs: number;
}

/**
 * Savepoints of a Flink cluster's jobs: taken, stopped at, polled, disposed of. Each goes to
 * the cluster's configured savepoint directory, and resolves once Flink reports it durable
 * and its statistics list it (with its checkpoint id, which the trigger's answer lacks).
 */
export class FlinkSavepoints {
  readonly records: SavepointRecords;

  constructor(
    private readonly client: FlinkRestClient,
    store: SavepointStore,
    /** The cluster's effective configuration (`/jobmanager/config`), asked when needed. */
    private readonly settings: () => Promise<Map<string, string>>,
    private readonly bounds: SavepointBounds,
    private readonly now: () => number,
  ) {
    this.records = new SavepointRecords(store);
  }

  /** `triggerId`: a retry with the same one joins the savepoint Flink took or is taking. */
  async trigger(jobId: string, triggerId?: string): Promise<Snapshot> {
    const body = {
      'cancel-job': false,
      'target-directory': await this.directory(),
      ...(triggerId !== undefined ? { triggerId: flinkTriggerId(triggerId) } : {}),
    };
    const trigger = await this.client.post(
      `${jobPath(jobId)}/savepoints`,
      { json: body },
      TriggerSchema,
    );
    return this.completed(jobId, trigger['request-id'], `the savepoint of job ${jobId}`);
  }

  /** Stop with savepoint: Flink ends the job FINISHED once the savepoint is durable. */
  async stop(jobId: string, drain: boolean): Promise<Snapshot> {
    const body = { drain, targetDirectory: await this.directory() };
    const trigger = await this.client.post(`${jobPath(jobId)}/stop`, { json: body }, TriggerSchema);
    return this.completed(jobId, trigger['request-id'], `the stop-with-savepoint of job ${jobId}`);
  }

  async status(jobId: string, triggerId: string): Promise<SavepointTriggerStatus> {
    const outcome = operationOutcome(
      await this.client.get(
        `${jobPath(jobId)}/savepoints/${flinkTriggerId(triggerId)}`,
        AsyncOperationSchema,
      ),
    );
    const base = { triggerId, savepoint: null, error: null };
    if (outcome.state === 'FAILED') return { ...base, status: 'FAILED', error: outcome.error };
    const savepoint =
      outcome.state === 'COMPLETED' && outcome.location
        ? await this.listed(jobId, outcome.location)
        : undefined;
    // Durable but not listed yet (Flink's statistics lag `web.refresh-interval`): ask again.
    if (!savepoint) return { ...base, status: 'IN_PROGRESS' };
    return { ...base, status: 'COMPLETED', savepoint: await this.records.remember(savepoint) };
  }

  /** Deletes a completed savepoint's files (`POST /savepoint-disposal`), keeping it listed. */
  async dispose(savepoint: Snapshot): Promise<Snapshot> {
    const { jobId, checkpointId, path } = savepoint;
    const what = `savepoint ${checkpointId} of job ${jobId}`;
    if (savepoint.disposedAt) throw conflict(`${what} was already disposed of`);
    if (savepoint.status !== 'COMPLETED' || !path) {
      throw conflict(`${what} is ${savepoint.status}; only a completed one can be disposed of`);
    }
    const trigger = await this.client.post(
      '/savepoint-disposal',
      { json: { 'savepoint-path': path } },
      TriggerSchema,
    );
    await pollFor(
      `Flink to dispose of ${what}`,
      async () => {
        const outcome = operationOutcome(
          await this.client.get(
            `/savepoint-disposal/${trigger['request-id']}`,
            AsyncOperationSchema,
          ),
        );
        if (outcome.state === 'FAILED') {
          throw new WeirError(
            'INTERNAL',
            `Flink could not dispose of ${what} (${path}): ${outcome.error}`,
            { domain: 'external' },
          );
        }
        return outcome.state === 'COMPLETED' ? true : undefined;
      },
      this.bounds.savepointTimeoutMs,
    );
    return this.records.markDisposed(savepoint, new Date(this.now()));
  }

  /** The savepoint of a trigger, once durable and listed; its failure in words. */
  private async completed(jobId: string, requestId: string, what: string): Promise<Snapshot> {
    const location = await pollFor(
      what,
      async () => {
        const outcome = operationOutcome(
          await this.client.get(`${jobPath(jobId)}/savepoints/${requestId}`, AsyncOperationSchema),
        );
        if (outcome.state === 'FAILED') {
          throw new WeirError('INTERNAL', `${what} failed: ${outcome.error}`, {
            domain: 'external',
          });
        }
        if (outcome.state === 'IN_PROGRESS') return undefined;
        if (!outcome.location) {
          throw new WeirError('INTERNAL', `Flink reported ${what} done without its location`, {
            domain: 'external',
          });
        }
        return outcome.location;
      },
      this.bounds.savepointTimeoutMs,
    );
    const savepoint = await pollFor(
      `savepoint ${location} to show in the checkpoint statistics of job ${jobId}`,
      () => this.listed(jobId, location),
      this.bounds.settleTimeoutMs,
    );
    return this.records.remember(savepoint);
  }

  /** The savepoint at `location`: seen before (a retry), or in Flink's statistics now. */
  private async listed(jobId: string, location: string): Promise<Snapshot | undefined> {
    const known = await this.records.at(jobId, location);
    if (known) return known;
    const stats = await this.client.get(`${jobPath(jobId)}/checkpoints`, CheckpointingStatsSchema);
    return savepointAt(jobId, stats, location);
  }

  /** The cluster's savepoint directory; refused, naming the setting, when it has none. */
  private async directory(): Promise<string> {
    return savepointDirectory(this.client.restUrl, await this.settings());
  }
}
