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
