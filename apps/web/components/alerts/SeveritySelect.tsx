import type { Severity } from '@/lib/trpc/types';

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

export function SeveritySelect(props: {
  value: Severity;
  onChange: (severity: Severity) => void;
  label?: string;
  id?: string;
  disabled?: boolean;
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      aria-label={props.label}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value as Severity)}
    >
      {SEVERITIES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
}
