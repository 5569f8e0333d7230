import type { NotificationStatus } from '../../db/alert-repository.js';

export type Decision =
  | { action: 'send' }
  | { action: 'postpone'; until: number }
  | { action: 'withhold'; status: 'silenced' | 'acknowledged' };

/** A silenced delivery is looked at again this often, so a silence ended early lets it go soon. */
export const SILENCE_RECHECK_MS = 10_000;

/**
 * What to do with one due delivery (pure: the notifier reads the facts and acts).
 *
 * - "firing": not sent once the incident is acknowledged; while a silence matches it, held
 *   back until the silence ends; not sent at all when it resolved while silenced.
 * - "resolved": waits for the same channel's "firing" delivery to be settled; not sent when
 *   that one was silenced (nobody heard of the incident); held back while a silence matches.
 */
export function decide(facts: {
  event: 'firing' | 'resolved';
  now: number;
  acknowledged: boolean;
  resolved: boolean;
  /**
   * When the silence that matches the incident ends, or null when none does: for "firing",
   * the silence in force when it resolved (now, while it fires); for "resolved", now.
   */
  silencedUntil: number | null;
  /** For "resolved": the same channel's "firing" delivery. */
  firing?: { status: NotificationStatus; nextAttemptAt: number } | undefined;
}): Decision {
  const hold = (until: number): Decision => ({
    action: 'postpone',
    until: Math.min(until, facts.now + SILENCE_RECHECK_MS),
  });
  if (facts.event === 'firing') {
    if (facts.acknowledged) return { action: 'withhold', status: 'acknowledged' };
    if (facts.silencedUntil === null) return { action: 'send' };
    return facts.resolved ? { action: 'withhold', status: 'silenced' } : hold(facts.silencedUntil);
  }
  if (facts.firing?.status === 'pending')
    return { action: 'postpone', until: Math.max(facts.now, facts.firing.nextAttemptAt) };
  if (facts.firing?.status === 'silenced') return { action: 'withhold', status: 'silenced' };
  return facts.silencedUntil === null ? { action: 'send' } : hold(facts.silencedUntil);
}
