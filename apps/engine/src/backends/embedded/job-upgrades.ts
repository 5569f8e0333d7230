import type {
  JobOperation,
  JobSpec,
  JobVersion,
  RestoreCheck,
  RollbackRequest,
  UpgradeCheck,
  UpgradeCheckRequest,
  UpgradeRequest,
} from '@weir/contract';
import { checkRestore } from '../../checkpoint/restore-check.js';
import type { RecoveryChoice } from '../../checkpoint/storage/recovery.js';
import { type LoadedSnapshot, readSnapshot } from '../../checkpoint/storage/storage.js';
import { conflict, invalidArgument, notFound } from '../../errors/weir-error.js';
import { describeDiff, diffSpecs } from '../../jobs/spec-diff.js';
import type { JobMaster } from '../../runtime/job-master.js';
import { isTerminal } from '../../runtime/job-status.js';
import type { JobVersions } from './job-versions.js';
import type { OperationLog } from './operation-log.js';
import { withoutDroppedState } from './restore-plan.js';

/** What an upgrade needs of the backend it runs in. */
export interface UpgradeHost {
  /** The job to act on: its master, on the leader. */
  master(jobId: string): JobMaster;
  /** Checks and completes a spec as a submit does (capacity, paths, defaults). */
  prepare(spec: JobSpec): Promise<JobSpec>;
  /** Runs `spec` from `snapshot` (or empty), checkpoint ids above `highestSeenId`. */
  launch(spec: JobSpec, snapshot: LoadedSnapshot | null, highestSeenId: number): Promise<JobMaster>;
  /** The job's newest checkpoint that verifies, as recovery would take it. */
  latestCheckpoint(jobId: string): Promise<RecoveryChoice>;
  versions: JobVersions;
  operations: OperationLog;
  /** A line on the job's timeline. */
  record(jobId: string, message: string): void;
  now(): number;
}

/** How often a new version is looked at while it has to prove itself. */
const VERIFY_EVERY_MS = 100;

/** The state an upgrade starts from, and the id its checkpoints continue above. */
interface TakenState {
  snapshot: LoadedSnapshot | null;
  highestSeenId: number;
}

/**
 * Upgrades of embedded jobs (issue 20): a dry run that says what changes and what happens to
 * state, and the upgrade itself as one operation: take the state (a savepoint as the job
 * stops, its newest checkpoint, or none), check it against the new spec, start the new version
 * from it, and, unless told not to, watch it run and complete a checkpoint; if it does not in
 * time, start the previous version again from the same state. Every version is recorded.
 */
export class JobUpgrades {
  constructor(private readonly host: UpgradeHost) {}

  /** The newest version, recording the running spec as version 1 for a job that has none. */
  private async current(jobId: string): Promise<JobVersion> {
    const { versions } = this.host;
    const [newest] = (await versions.list(jobId)).filter((v) => v.rolledBack === null);
    if (newest) return newest;
    const spec = this.host.master(jobId).spec;
    return versions.addFirst(
      {
        jobId,
        spec,
        author: 'unknown (before versions)',
        comment: null,
        origin: 'submit',
        rollbackOf: null,
        startedFrom: null,
      },
      new Date(this.host.now()),
    );
  }

  /** A submit's spec becomes a new version when it differs from the newest one that ran. */
  async recordSubmit(master: JobMaster, author: string): Promise<void> {
    const { spec } = master;
    const [newest] = (await this.host.versions.list(spec.id)).filter((v) => v.rolledBack === null);
    if (newest && JSON.stringify(newest.spec) === JSON.stringify(spec)) return;
    await this.host.versions.add(
      {
        jobId: spec.id,
        spec,
        author,
        comment: null,
        origin: 'submit',
        rollbackOf: null,
        startedFrom: master.restoredFrom,
      },
      new Date(this.host.now()),
    );
  }

  /** Runs version `version`'s spec again, as an upgrade to it (a new version). */
  async rollback(request: RollbackRequest, author: string): Promise<JobOperation> {
    const target = await this.host.versions.get(request.jobId, request.version);
    if (!target) throw notFound(`version ${request.version} of job ${request.jobId}`);
    return this.upgrade({
      ...request,
      spec: target.spec,
      author,
      comment: request.comment ?? `rollback to version ${target.version}`,
      rollbackOf: target.version,
      rollbackAfterMs: 0,
    });
  }

  async check(request: UpgradeCheckRequest): Promise<UpgradeCheck> {
    const master = this.host.master(request.jobId);
    const spec = await this.host.prepare(request.spec);
    const diff = diffSpecs(master.spec, spec);
    // Stateless, or nothing to compare with yet (the upgrade checks the savepoint it takes).
    const unchecked = {
      ok: true,
      problems: [],
      diff,
      state: null,
      needsAllowNonRestoredState: false,
      comparedWith: null,
    };
    if (request.mode === 'stateless') return unchecked;
    // A savepoint taken now has the layout of the job's checkpoints: compare with the newest.
    const latest = (await this.host.latestCheckpoint(request.jobId)).snapshot;
    if (!latest) return unchecked;
    const state = checkRestore(latest.manifest, spec, {
      allowNonRestoredState: request.allowNonRestoredState,
    });
    return {
      ok: state.ok,
      problems: state.problems,
      diff,
      state,
      needsAllowNonRestoredState: state.dropped.length > 0,
      comparedWith: `checkpoint ${latest.manifest.checkpointId} (${latest.dir})`,
    };
  }

  /**
   * Starts the upgrade; refused before anything stops when the dry run finds a problem. The
   * operation fails, naming why, if the new version was rolled back.
   */
  async upgrade(
    request: UpgradeRequest & { author: string; rollbackOf?: number },
  ): Promise<JobOperation> {
    const { jobId } = request;
    const check = await this.check(request);
    if (!check.ok) throw invalidArgument(`upgrade refused: ${check.problems.join('; ')}`);
    const spec = await this.host.prepare(request.spec);
    const previous = await this.current(jobId);
    const master = this.host.master(jobId);
    return this.host.operations.run(jobId, 'upgrade', async (phase) => {
      const taken = await this.takeState(master, request.mode, phase);
      phase('CHECKING');
      const state = taken.snapshot
        ? checkRestore(taken.snapshot.manifest, spec, {
            allowNonRestoredState: request.allowNonRestoredState,
          })
        : null;
      if (state && !state.ok) {
        await this.host.launch(previous.spec, taken.snapshot, taken.highestSeenId);
        throw invalidArgument(
          `upgrade refused once the state was taken: ${state.problems.join('; ')}; version ${previous.version} runs again from it`,
        );
      }
      phase('STARTING');
      const started = await this.host.launch(
        spec,
        restorable(taken.snapshot, state),
        taken.highestSeenId,
      );
      const version = await this.host.versions.add(
        {
          jobId,
          spec,
          author: request.author,
          comment: request.comment ?? null,
          origin: request.rollbackOf ? 'rollback' : 'upgrade',
          rollbackOf: request.rollbackOf ?? null,
          startedFrom: taken.snapshot?.dir ?? null,
        },
        new Date(this.host.now()),
      );
      const changes = describeDiff(check.diff);
      this.host.record(
        jobId,
        `version ${version.version} runs (was ${previous.version}): ${changes}`,
      );
      if (request.rollbackAfterMs > 0) {
        phase('VERIFYING');
        const failure = await this.proves(started, taken.highestSeenId, request.rollbackAfterMs);
        if (failure) {
          phase('ROLLING_BACK');
          await this.rollBack(version, previous, taken, failure);
        }
      }
      return { snapshotPath: taken.snapshot?.dir ?? null };
    });
  }

  /** Ends the job's current run, keeping the state the mode asks for. */
  private async takeState(
    master: JobMaster,
    mode: UpgradeRequest['mode'],
    phase: (name: string) => void,
  ): Promise<TakenState> {
    if (mode === 'savepoint') {
      phase('TAKING_SAVEPOINT');
      const savepoint = await master.stopWithSavepoint({ drain: false });
      return {
        snapshot: await readSnapshot(savepoint.path),
        highestSeenId: savepoint.checkpointId,
      };
    }
    phase('CANCELLING');
    await master.cancel();
    const latest = await this.host.latestCheckpoint(master.spec.id);
    return {
      snapshot: mode === 'last-checkpoint' ? latest.snapshot : null,
      highestSeenId: latest.highestSeenId,
    };
  }

  /**
   * Waits for `master` to run and complete a checkpoint of its own (an id above the state it
   * started from) within `withinMs`; answers why not, or null once it has.
   */
  private async proves(
    master: JobMaster,
    startedAbove: number,
    withinMs: number,
  ): Promise<string | null> {
    const deadline = this.host.now() + withinMs;
    for (;;) {
      const completed = master.lastCompleted;
      if (master.status === 'RUNNING' && completed && completed.checkpointId > startedAbove)
        return null;
      if (isTerminal(master.status)) return `it ended ${master.status}`;
      if (this.host.now() >= deadline) {
        const state =
          master.status === 'RUNNING' ? 'ran but completed no checkpoint' : `was ${master.status}`;
        return `it ${state} within ${withinMs} ms`;
      }
      await new Promise((resolve) => setTimeout(resolve, VERIFY_EVERY_MS));
    }
  }

  /** Ends the new version and runs the previous one again from the state the upgrade took. */
  private async rollBack(
    version: JobVersion,
    previous: JobVersion,
    taken: TakenState,
    failure: string,
  ): Promise<never> {
    const { jobId } = version;
    const failed = this.host.master(jobId);
    if (!isTerminal(failed.status)) await failed.cancel();
    // The new version may have checkpointed before failing: ids continue above all of them.
    const seen = Math.max(taken.highestSeenId, failed.lastCompleted?.checkpointId ?? 0);
    await this.host.launch(previous.spec, taken.snapshot, seen);
    const reason = `version ${version.version} did not prove itself: ${failure}`;
    await this.host.versions.markRolledBack(
      jobId,
      version.version,
      reason,
      new Date(this.host.now()),
    );
    const from = taken.snapshot ? ` from ${taken.snapshot.dir}` : ' without state';
    this.host.record(jobId, `rolled back to version ${previous.version}${from}: ${reason}`);
    throw conflict(`${reason}; rolled back to version ${previous.version}${from}`);
  }
}

/** The taken state without what the check found dropped (allowed by then). */
function restorable(
  snapshot: LoadedSnapshot | null,
  check: RestoreCheck | null,
): LoadedSnapshot | null {
  return snapshot && check ? withoutDroppedState(snapshot, check) : snapshot;
}
