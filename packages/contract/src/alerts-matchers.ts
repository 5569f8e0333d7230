/**
 * True when `value` matches `pattern`: `*` stands for any characters (none too), `?` for one,
 * everything else for itself. Routes and silences match rule names and job ids with it.
 */
export function globMatches(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

/** A matcher left out (null) matches everything. */
export function matchesRuleAndJob(
  matcher: { rule: string | null; job: string | null },
  incident: { ruleName: string; jobId: string },
): boolean {
  return (
    (matcher.rule === null || globMatches(matcher.rule, incident.ruleName)) &&
    (matcher.job === null || globMatches(matcher.job, incident.jobId))
  );
}

/**
 * True when a job's `labels` satisfy `matcher`: empty matches every job; `team=pay*` one whose
 * label `team` matches the pattern (a job without that label does not match).
 */
export function labelMatches(matcher: string, labels: Readonly<Record<string, string>>): boolean {
  if (matcher === '') return true;
  const at = matcher.indexOf('=');
  const value = labels[matcher.slice(0, at)];
  return value !== undefined && globMatches(matcher.slice(at + 1), value);
}
