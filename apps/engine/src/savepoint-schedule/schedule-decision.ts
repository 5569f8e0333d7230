import type { SavepointPolicy } from '@weir/contract';

/** One savepoint of the job as the decision sees it. */
export interface SavepointFacts {
  checkpointId: number;
  /** Epoch ms it completed; null while in progress or if it failed. */
  completedAt: number | null;
  disposed: boolean;
  /** An operator kept it from retention. */
  kept: boolean;
  /** Chosen for a restore that has not run yet (the wizard pins it). */
  pinned: boolean;
}

export interface ScheduleFacts {
  now: number;
  policy: SavepointPolicy;
  /** Savepoints are taken of running jobs only. */
  running: boolean;
  savepoints: SavepointFacts[];
}

export interface ScheduleDecision {
  /** Take a savepoint now. */
  trigger: boolean;
  /** Savepoints to dispose of, each with why. */
  dispose: Array<{ checkpointId: number; reason: string }>;
}

/**
 * What a job's savepoint policy asks for now. Any completed savepoint restarts the interval.
 * Retention considers completed savepoints not yet disposed of, newest first: one beyond the
 * `keepCount` newest, or older than `keepForMs`, goes, unless kept, pinned, or the newest of
 * all (which may be the only way back to the job's state).
 */
export function decideSavepoints(facts: ScheduleFacts): ScheduleDecision {
  const { now, policy } = facts;
  const live = facts.savepoints
    .filter(
      (s): s is SavepointFacts & { completedAt: number } => s.completedAt !== null && !s.disposed,
    )
    .sort((a, b) => b.completedAt - a.completedAt || b.checkpointId - a.checkpointId);
  const newest = live[0];
  const trigger =
    policy.intervalMs !== null &&
    facts.running &&
    (newest === undefined || now - newest.completedAt >= policy.intervalMs);
  const dispose: ScheduleDecision['dispose'] = [];
  let counted = 0;
  for (const savepoint of live) {
    if (savepoint.kept || savepoint.pinned) continue;
    counted += 1;
    if (savepoint === newest) continue;
    const ageMs = now - savepoint.completedAt;
    if (policy.keepCount !== null && counted > policy.keepCount)
      dispose.push({
        checkpointId: savepoint.checkpointId,
        reason: `more than ${policy.keepCount} newer savepoints are kept`,
      });
    else if (policy.keepForMs !== null && ageMs > policy.keepForMs)
      dispose.push({
        checkpointId: savepoint.checkpointId,
        reason: `older than ${formatAge(policy.keepForMs)}`,
      });
  }
  return { trigger, dispose };
}

/** "36 h", "7 d", "90 min": the retention age in the unit an operator would give. */
function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
