import type { InputProblem } from '@weir/contract';

/**
 * What a form's check refused, each problem named by its field: by the label the form shows
 * for it where it has one, else by the API's own name for it.
 */
export function FormProblems({
  problems,
  labels,
}: {
  problems: InputProblem[];
  labels: Record<string, string>;
}) {
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-bad" role="alert">
      Not sent:
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}: ${p.message}`}>
            {labels[p.field] ?? (p.field || 'the input')}: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
