import { useId } from 'react';
import { SpecProblems } from '../SpecProblems';

interface Props {
  /** Why the graph cannot be changed on restore (the job has no spec); null when it can. */
  unchangeable: string | null;
  /** False keeps the job's current graph; true restores into `text`. */
  changed: boolean;
  /** The edited spec as JSON, kept while the current graph is chosen so no edit is lost. */
  text: string;
  /** What is wrong with `text`, each naming its field; empty when it is a valid spec. */
  problems: string[];
  disabled: boolean;
  onChangedChange: (changed: boolean) => void;
  onTextChange: (text: string) => void;
}

/**
 * Restore into the job's current graph, or into a changed one pasted as JSON: the way to drop
 * or add operators (state follows operators by uid) while keeping the rest of the state.
 */
export function JobGraphField({
  unchangeable,
  changed,
  text,
  problems,
  disabled,
  onChangedChange,
  onTextChange,
}: Props) {
  const name = useId();
  const editorId = useId();
  const hintId = useId();
  const problemsId = useId();
  const unchangeableId = useId();
  return (
    <fieldset disabled={disabled}>
      <legend>2. Job graph</legend>
      <label className="checkbox-field">
        <input
          type="radio"
          name={name}
          checked={!changed}
          onChange={() => onChangedChange(false)}
        />
        <span>Keep the current graph</span>
      </label>
      <label className="checkbox-field">
        <input
          type="radio"
          name={name}
          checked={changed}
          disabled={unchangeable !== null}
          aria-describedby={unchangeable === null ? undefined : unchangeableId}
          onChange={() => onChangedChange(true)}
        />
        <span>Restore into a changed graph</span>
      </label>
      {unchangeable === null ? null : (
        <p id={unchangeableId} className="muted small">
          {unchangeable}
        </p>
      )}
      {changed ? (
        <p className="field">
          <label htmlFor={editorId}>Job spec (JSON)</label>
          <textarea
            id={editorId}
            className="spec-editor"
            rows={14}
            spellCheck={false}
            value={text}
            aria-invalid={problems.length > 0}
            aria-describedby={problems.length > 0 ? `${hintId} ${problemsId}` : hintId}
            onChange={(e) => onTextChange(e.target.value)}
          />
          <span id={hintId} className="muted small">
            State is matched to operators by uid. The parallelism is the one in this spec.
          </span>
        </p>
      ) : null}
      {changed ? (
        <SpecProblems id={problemsId} lead="This spec cannot be used:" problems={problems} />
      ) : null}
    </fieldset>
  );
}
