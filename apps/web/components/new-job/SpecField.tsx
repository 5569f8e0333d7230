'use client';

import { useId } from 'react';
import { SpecProblems } from '../SpecProblems';
import { SpecEditor } from './SpecEditor';

interface Props {
  value: string;
  onChange: (text: string) => void;
  /** Says what the problems stop, e.g. "This spec cannot run yet:". */
  lead: string;
  problems: string[];
}

/** A job spec to write: the editor, how to use it, and what is wrong with the text so far. */
export function SpecField({ value, onChange, lead, problems }: Props) {
  const hintId = useId();
  const problemsId = useId();
  return (
    <>
      <div className="field">
        <SpecEditor
          value={value}
          onChange={onChange}
          label="Job spec (JSON)"
          describedBy={`${hintId} ${problemsId}`}
        />
        <p id={hintId} className="muted small">
          Ctrl+Space offers the fields and values that fit where the cursor is; hovering a field
          tells what it takes. Marked text is what the engine would refuse.
        </p>
      </div>
      <SpecProblems id={problemsId} lead={lead} problems={problems} />
    </>
  );
}
