import { useId } from 'react';

interface Props {
  label: string;
  /** NaN while the field is empty, so the caller can refuse it. */
  value: number;
  /**
   * The job's maxParallelism: no rescale or restore can go beyond its key groups. Null where
   * the cluster reports none.
   */
  max: number | null;
  invalid: boolean;
  disabled?: boolean;
  onChange: (value: number) => void;
}

/** A labelled whole-number input for a parallelism, shared by rescale and restore. */
export function ParallelismField({ label, value, max, invalid, disabled, onChange }: Props) {
  const id = useId();
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>{' '}
      <input
        id={id}
        type="number"
        className="narrow"
        min={1}
        max={max ?? undefined}
        step={1}
        value={Number.isNaN(value) ? '' : value}
        disabled={disabled}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.valueAsNumber)}
      />
    </p>
  );
}
