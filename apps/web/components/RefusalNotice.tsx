import type { InputProblem } from '@weir/contract';
import { ErrorNotice } from './ErrorNotice';

/**
 * What the engine answered to a form's request: a refusal about one of its fields, named by
 * the label the form shows for it (see refusedField), or any other error as it is.
 */
export function RefusalNotice({
  refused,
  error,
  labels,
}: {
  refused: InputProblem | null;
  error: unknown;
  labels: Record<string, string>;
}) {
  return refused ? (
    <p className="notice notice-bad" role="alert">
      Refused: {labels[refused.field]}: {refused.message}
    </p>
  ) : (
    <ErrorNotice error={error} />
  );
}
