import { ROLES } from '@weir/contract';
import { useId } from 'react';
import type { Role } from '@/lib/trpc/types';

interface Props {
  value: Role;
  onChange: (role: Role) => void;
  /** Accessible name when no visible label goes with it (a table cell). */
  label?: string;
  disabled?: boolean;
  id?: string;
}

export function RoleSelect({ value, onChange, label, disabled, id }: Props) {
  return (
    <select
      id={id}
      value={value}
      aria-label={label}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}

/** "Role" above a role select, for the create forms. */
export function RoleField({ value, onChange }: Pick<Props, 'value' | 'onChange'>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Role</label>
      <RoleSelect id={id} value={value} onChange={onChange} />
    </div>
  );
}
