import type { FailoverResult, JobSpec, LeaderChange } from '@weir/contract';
import type { LeaderJobs } from './backends/leader-jobs.js';
import { conflict, unavailable } from './errors/weir-error.js';
import type { HaRuntime } from './ha/ha-runtime.js';
import type { ElectionListener, LeaderSession } from './ha/leader-election.js';
import type { Logger } from './logging/logger.js';
import type { LeaderMetrics } from './metrics/leader-metrics.js';

export interface LeaderChangeLog {
  recordGrant(change: Omit<LeaderChange, 'recoveryMs' | 'at'> & { at: Date }): Promise<number>;
  recordRecovered(id: number, recoveryMs: number): Promise<void>;
  recent(limit: number): Promise<LeaderChange[]>;
}

/** Work only the leader does: started once its jobs are recovered, stopped when it loses leadership. */
export interface LeaderLoop {
  start(): void;
  stop(): Promise<void>;
}

export interface LeadershipDeps {
  instanceId: string;
  ha: HaRuntime;
  backend: LeaderJobs;
  leaderChanges: LeaderChangeLog;
  /** What runs on the leader only (alert evaluation, the savepoint schedule). */
  loops: LeaderLoop[];
  metrics: LeaderMetrics;
  /** The job this engine was configured to run. */
  initialJob: JobSpec;
  /**
   * Whether a new leader submits `initialJob` when no job graph has it. A single instance
   * always does (it restores from its checkpoints); a cluster only the first time ever, so a
   * job an operator cancelled does not come back with the next leader.
   */
  submitsInitialJob: () => Promise<boolean>;
  logger: Logger;
  /** How long a lone instance (nobody to step down for) waits before trying a failed takeover again. */
  takeoverRetryMs?: number;
}

const TAKEOVER_RETRY_MS = 5000;

/**
 * What this instance does as leadership comes and goes: a grant recovers every job the
 * cluster had from its checkpoints and records the change with its recovery time; a
 * revocation stops the jobs here at once (the fencing keeps anything late from committing).
 */
export function leadershipListener(deps: LeadershipDeps): ElectionListener {
  const { ha, backend, logger } = deps;
  const takeOver = async (session: LeaderSession) => {
    const started = performance.now();
    // The embedded driver knows no predecessor; the history does (this same engine, restarted).
    const [last] = session.previous ? [] : await deps.leaderChanges.recent(1);
    const previous =
      session.previous ??
      (last ? { instanceId: last.newInstanceId, reason: 'the previous leader stopped' } : null);
    const changeId = await deps.leaderChanges.recordGrant({
      at: session.grantedAt,
      previousInstanceId: previous?.instanceId ?? null,
      newInstanceId: deps.instanceId,
      epoch: session.epoch,
      reason: previous?.reason ?? 'first leader of the cluster',
    });
    const recovered = await backend.recoverJobs();
    const known = recovered.includes(deps.initialJob.id);
    const running = (await backend.listJobs()).some((job) => job.id === deps.initialJob.id);
    if (!known && !running && (await deps.submitsInitialJob()))
      await backend.submitJob(deps.initialJob);
    const recoveryMs = Math.round(performance.now() - started);
    await deps.leaderChanges.recordRecovered(changeId, recoveryMs);
    logger.info({ epoch: session.epoch, recoveryMs, jobs: recovered.length }, 'took over');
    for (const loop of deps.loops) loop.start();
  };
  /**
   * A takeover that failed (the database or checkpoint storage unreadable, say) must not leave
   * a leader with nothing running: what it started stops, and it steps down so a standby takes
   * over. A lone instance has nobody to hand over to, so it tries again a little later.
   */
  const takeOverOrStepDown = async (session: LeaderSession): Promise<void> => {
    try {
      await takeOver(session);
    } catch (err) {
      if (!ha.leader.isLeader()) return; // leadership went meanwhile: the revocation stopped all
      const reason = `takeover failed: ${err instanceof Error ? err.message : String(err)}`;
      await backend.suspendAll().catch(() => {});
      if (ha.mode === 'zookeeper') {
        logger.error({ err, epoch: session.epoch }, `${reason}; stepping down for a standby`);
        await ha.election.stepDown(reason);
        return;
      }
      const retryMs = deps.takeoverRetryMs ?? TAKEOVER_RETRY_MS;
      logger.error({ err, epoch: session.epoch, retryMs }, `${reason}; trying again`);
      setTimeout(() => {
        if (ha.leader.isLeader()) void takeOverOrStepDown(session);
      }, retryMs);
    }
  };
  return {
    granted(session) {
      ha.leader.granted(session);
      deps.metrics.setLeader(true);
      takeOverOrStepDown(session).catch((err: unknown) =>
        logger.error({ err, epoch: session.epoch }, 'stepping down after a failed takeover failed'),
      );
    },
    async revoked(reason) {
      ha.leader.revoked();
      deps.metrics.setLeader(false);
      logger.warn({ reason }, 'stopping jobs: leadership lost');
      await Promise.all([...deps.loops.map((loop) => loop.stop()), backend.suspendAll()]);
    },
    suspended() {
      ha.leader.setSuspended(true);
      logger.warn('ZooKeeper unreachable: nothing commits until it is back');
    },
    resumed() {
      ha.leader.setSuspended(false);
      logger.info('ZooKeeper reachable again: commits resume');
    },
  };
}

const FAILOVER_TIMEOUT_MS = 120_000;

/**
 * An operator's failover: the leader steps down, a standby takes over, and the call returns
 * once the new leader has recorded its recovery (its jobs run again).
 */
export async function failover(deps: {
  instanceId: string;
  ha: HaRuntime;
  leaderChanges: LeaderChangeLog;
}): Promise<FailoverResult> {
  deps.ha.leader.assertLeader();
  const standbys = (await deps.ha.instances()).filter((i) => i.instanceId !== deps.instanceId);
  if (standbys.length === 0)
    throw conflict('no standby instance is registered to take over; start another engine first');
  const since = Date.now();
  const started = performance.now();
  await deps.ha.election.stepDown('operator failover');
  for (;;) {
    const [latest] = await deps.leaderChanges.recent(1);
    if (
      latest &&
      Date.parse(latest.at) >= since &&
      latest.newInstanceId !== deps.instanceId &&
      latest.recoveryMs !== null
    ) {
      return {
        previousLeader: deps.instanceId,
        newLeader: latest.newInstanceId,
        recoveryMs: latest.recoveryMs,
        totalMs: Math.round(performance.now() - started),
      };
    }
    if (performance.now() - started > FAILOVER_TIMEOUT_MS)
      throw unavailable(
        `no standby reported a completed takeover within ${FAILOVER_TIMEOUT_MS} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
