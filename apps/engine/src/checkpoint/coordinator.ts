import type { CheckpointFailureReason } from '@weir/contract';

/**
 * When to take the next periodic checkpoint, and what a failure means for the job: pure
 * decisions, tested without clocks or storage (the job master feeds them the facts).
 */
export interface CheckpointTriggerFacts {
  nowMs: number;
  intervalMs: number;
  minPauseMs: number;
  maxConcurrent: number;
  /** When the previous checkpoint was triggered (null: none yet this run). */
  lastTriggeredAtMs: number | null;
  /** When the previous checkpoint finished, completed or failed (null: none yet). */
  lastFinishedAtMs: number | null;
  runStartedAtMs: number;
  inFlight: number;
}

export type TriggerDecision =
  | { trigger: true }
  | { trigger: false; reason: 'NOT_DUE' | 'MIN_PAUSE' | CheckpointFailureReason };

export function decideTrigger(facts: CheckpointTriggerFacts): TriggerDecision {
  const since = facts.lastTriggeredAtMs ?? facts.runStartedAtMs;
  if (facts.nowMs - since < facts.intervalMs) return { trigger: false, reason: 'NOT_DUE' };
  if (facts.inFlight >= facts.maxConcurrent)
    return { trigger: false, reason: 'TOO_MANY_CONCURRENT' };
  if (facts.lastFinishedAtMs !== null && facts.nowMs - facts.lastFinishedAtMs < facts.minPauseMs) {
    return { trigger: false, reason: 'MIN_PAUSE' };
  }
  return { trigger: true };
}

/**
 * After a checkpoint failed: fail the job over once consecutive failures exceed what the
 * job tolerates. Failures that only reflect the job ending never count: a stopped job, or a
 * decline, which only a source that stopped sends. (A finished subtask fails no checkpoint:
 * its final state acknowledges it.)
 */
export function shouldFailJob(
  consecutiveFailures: number,
  tolerableFailures: number,
  reason: CheckpointFailureReason,
): boolean {
  // None of these is the job's fault; NOT_LEADER: failing over would not let this instance commit.
  if (reason === 'JOB_STOPPED' || reason === 'DECLINED' || reason === 'NOT_LEADER') return false;
  return consecutiveFailures > tolerableFailures;
}
