/**
 * When to take the next periodic checkpoint: a pure decision, so it is tested without clocks
 * or storage (the runner feeds it the facts).
 */
export interface CheckpointTriggerFacts {
  nowMs: number;
  intervalMs: number;
  /** When the previous checkpoint was triggered (null: none yet this run). */
  lastTriggeredAtMs: number | null;
  runStartedAtMs: number;
  inFlight: number;
  maxConcurrent: number;
}

export function isCheckpointDue(facts: CheckpointTriggerFacts): boolean {
  if (facts.inFlight >= facts.maxConcurrent) return false;
  const since = facts.lastTriggeredAtMs ?? facts.runStartedAtMs;
  return facts.nowMs - since >= facts.intervalMs;
}
