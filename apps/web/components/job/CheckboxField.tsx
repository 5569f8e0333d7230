import { type ReactNode, useId } from 'react';

interface Props {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}

/** A checkbox with its label beside it, wrapping when the label is a sentence. */
export function CheckboxField({ checked, onChange, children }: Props) {
  const id = useId();
  return (
    <p className="checkbox-field">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{children}</label>
    </p>
  );
}
