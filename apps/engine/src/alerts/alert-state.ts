/** Where one rule stands. Pending: breached, but not yet for the rule's whole `for` time. */
export type RulePhase =
  | { phase: 'inactive' }
  | { phase: 'pending'; since: number }
  | { phase: 'firing'; since: number; alertId: number };

export type StepAction = 'none' | 'fire' | 'resolve';

/**
 * The state machine of one rule, as Prometheus runs it: inactive -> pending -> firing ->
 * (resolved) inactive. Pure: the evaluator persists what `action` says.
 */
export function step(
  current: RulePhase,
  breached: boolean,
  now: number,
  forMs: number,
): { phase: 'inactive' | 'pending' | 'firing'; since: number | null; action: StepAction } {
  if (current.phase === 'firing') {
    return breached
      ? { phase: 'firing', since: current.since, action: 'none' }
      : { phase: 'inactive', since: null, action: 'resolve' };
  }
  if (!breached) return { phase: 'inactive', since: null, action: 'none' };
  const since = current.phase === 'pending' ? current.since : now;
  return now - since >= forMs
    ? { phase: 'firing', since: now, action: 'fire' }
    : { phase: 'pending', since, action: 'none' };
}
