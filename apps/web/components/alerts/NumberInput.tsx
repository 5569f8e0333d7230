import { type ReactNode, useId } from 'react';

/**
 * A non-negative number field that hands back numbers, not strings; with `caption`, a
 * visible label above it, otherwise named by `label` for screen readers (a table cell).
 */
export function NumberInput(props: {
  value: number;
  onChange: (value: number) => void;
  caption?: ReactNode;
  label?: string;
  disabled?: boolean;
  narrow?: boolean;
}) {
  const id = useId();
  const input = (
    <input
      id={id}
      type="number"
      min={0}
      step="any"
      className={props.narrow ? 'narrow' : undefined}
      aria-label={props.label}
      disabled={props.disabled}
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
    />
  );
  if (props.caption === undefined) return input;
  return (
    <div className="field">
      <label htmlFor={id}>{props.caption}</label>
      {input}
    </div>
  );
}
