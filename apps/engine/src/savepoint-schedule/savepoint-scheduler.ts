import type { JobSummary, SavepointPolicy } from '@weir/contract';
import type { ClusterBackend } from '../backends/cluster-backend.js';
import type { AuditEntry } from '../db/audit-repository.js';
import type { JobRef } from '../db/savepoint-policy-repository.js';
import type { Logger } from '../logging/logger.js';
import { decideSavepoints, type ScheduleDecision } from './schedule-decision.js';

/** Who the audit trail names for what the schedule does. */
export const SCHEDULER_ACTOR = 'savepoint-schedule';

/** The savepoints a round reads of a job: more than any retention needs to see. */
const LISTED = 1000;

export interface SavepointSchedulerDeps {
  /** The jobs whose policy asks for anything, and who kept which savepoints. */
  policies: {
    active(): Promise<Array<JobRef & { policy: SavepointPolicy }>>;
    kept(job: JobRef): Promise<Map<number, string>>;
  };
  backend(clusterId: string): Promise<ClusterBackend>;
  /** True while a restore holds the snapshot at `path` (embedded clusters pin what they restore). */
  pinned(clusterId: string, path: string): boolean;
  audit(entry: AuditEntry): Promise<unknown>;
  now(): number;
  logger: Logger;
}

/**
 * Carries out every job's savepoint policy: one round takes the savepoints that are due and
 * disposes of those retention lets go, each action on the audit trail under SCHEDULER_ACTOR
 * with the reason. Runs on the leader, through each cluster's backend, so Flink jobs are
 * served like embedded ones. A job or cluster that cannot be read is skipped for the round.
 */
export class SavepointScheduler {
  constructor(private readonly deps: SavepointSchedulerDeps) {}

  async round(): Promise<void> {
    const jobsOf = new Map<string, Promise<JobSummary[]>>();
    for (const job of await this.deps.policies.active()) {
      try {
        const backend = await this.deps.backend(job.clusterId);
        let listed = jobsOf.get(job.clusterId);
        if (!listed) {
          listed = backend.listJobs();
          jobsOf.set(job.clusterId, listed);
        }
        const status = (await listed).find((summary) => summary.id === job.jobId)?.status;
        if (status === undefined) continue; // not on the cluster (any more): nothing to do
        const decision = await this.decide(backend, job, status === 'RUNNING');
        await this.carryOut(backend, job, decision);
      } catch (error) {
        this.deps.logger.warn(
          { err: error, ...job },
          'savepoint schedule skipped a job this round',
        );
      }
    }
  }

  private async decide(
    backend: ClusterBackend,
    job: JobRef & { policy: SavepointPolicy },
    running: boolean,
  ): Promise<ScheduleDecision> {
    const [savepoints, kept] = await Promise.all([
      backend.listSavepoints(job.jobId, LISTED),
      this.deps.policies.kept(job),
    ]);
    return decideSavepoints({
      now: this.deps.now(),
      policy: job.policy,
      running,
      savepoints: savepoints.map((s) => ({
        checkpointId: s.checkpointId,
        completedAt:
          s.status === 'COMPLETED' ? Date.parse(s.triggeredAt) + (s.durationMs ?? 0) : null,
        disposed: Boolean(s.disposedAt) || Boolean(s.discarded),
        kept: kept.has(s.checkpointId),
        pinned: s.path !== null && this.deps.pinned(job.clusterId, s.path),
      })),
    });
  }

  private async carryOut(backend: ClusterBackend, job: JobRef, decision: ScheduleDecision) {
    if (decision.trigger)
      await this.audited(job, 'savepoints.trigger', { scheduled: true }, async () => {
        await backend.triggerSavepoint(job.jobId);
      });
    for (const { checkpointId, reason } of decision.dispose)
      await this.audited(job, 'savepoints.dispose', { checkpointId, reason }, async () => {
        await backend.disposeSavepoint(job.jobId, checkpointId);
      });
  }

  /** Runs `action`, then writes its one audit row, ok or with the error's message. */
  private async audited(
    job: JobRef,
    action: string,
    params: Record<string, unknown>,
    run: () => Promise<void>,
  ): Promise<void> {
    const started = this.deps.now();
    const entry = (result: AuditEntry['result'], message: string | null): AuditEntry => ({
      actor: SCHEDULER_ACTOR,
      action,
      jobId: job.jobId,
      params: { cluster: job.clusterId, jobId: job.jobId, ...params },
      result,
      message,
      durationMs: this.deps.now() - started,
      sourceAddress: null,
    });
    let failure: unknown = null;
    await run().catch((error: unknown) => {
      failure = error;
    });
    const row = failure
      ? entry('error', failure instanceof Error ? failure.message : String(failure))
      : entry('ok', null);
    // The action has happened: if its row cannot be written, the log keeps it in full.
    await this.deps.audit(row).catch((err: unknown) => {
      this.deps.logger.error({ err, audit: row }, 'audit row lost after the schedule acted');
    });
    if (failure) throw failure;
  }
}
