/**
 * What is wrong with a job spec written as JSON, each problem naming its field; nothing when
 * there is none. `id` lets the editor it is about point at it (aria-describedby).
 */
export function SpecProblems({
  id,
  lead,
  problems,
}: {
  id: string;
  /** Says what the problems stop, e.g. "This spec cannot be used:". */
  lead: string;
  problems: string[];
}) {
  if (problems.length === 0) return null;
  return (
    <div id={id} className="notice notice-bad" role="alert" data-testid="spec-problems">
      {lead}
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
