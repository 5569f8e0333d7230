import { type ReactNode, useId } from 'react';
import type { UpgradeMode } from '@/lib/trpc/types';
import { AllowNonRestoredStateField } from '../job/AllowNonRestoredStateField';

/** What an upgrade (or a rollback, an upgrade to an earlier spec) is asked to do with state. */
export interface UpgradeChoices {
  mode: UpgradeMode;
  allowNonRestoredState: boolean;
  comment: string;
}

export const DEFAULT_CHOICES: UpgradeChoices = {
  mode: 'savepoint',
  allowNonRestoredState: false,
  comment: '',
};

/** The modes, each with what it does to the job's state in one line. */
const MODES: { mode: UpgradeMode; label: string; effect: string }[] = [
  {
    mode: 'savepoint',
    label: 'Savepoint (default)',
    effect:
      'The job takes a savepoint as it stops and the new version starts from it: nothing is lost or read twice.',
  },
  {
    mode: 'last-checkpoint',
    label: 'Last checkpoint',
    effect:
      'The job is cancelled and the new version starts from its newest checkpoint, for a job that cannot take a savepoint; records since that checkpoint are read again.',
  },
  {
    mode: 'stateless',
    label: 'Stateless',
    effect:
      'The job is cancelled and the new version starts with empty state: windows and counts start over.',
  },
];

interface Props {
  choices: UpgradeChoices;
  onChange: (choices: UpgradeChoices) => void;
  disabled: boolean;
  /** Fields of the caller's own, shown before the comment (the rollback timer of an upgrade). */
  children?: ReactNode;
}

/** Where the new version's state comes from, whether state may be dropped, and why it runs. */
export function UpgradeChoicesFields({ choices, onChange, disabled, children }: Props) {
  const set = (change: Partial<UpgradeChoices>) => onChange({ ...choices, ...change });
  const group = useId();
  return (
    <fieldset className="upgrade-choices" disabled={disabled}>
      <legend>State and record</legend>
      <fieldset className="bare-fieldset">
        <legend className="small muted">Upgrade mode</legend>
        {MODES.map(({ mode, label, effect }) => (
          <label key={mode} className="checkbox-field">
            <input
              type="radio"
              name={group}
              value={mode}
              checked={choices.mode === mode}
              onChange={() => set({ mode })}
            />
            <span>
              <strong>{label}</strong> <span className="muted small">{effect}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <AllowNonRestoredStateField
        checked={choices.allowNonRestoredState}
        onChange={(allowNonRestoredState) => set({ allowNonRestoredState })}
      />
      {children}
      <label className="field">
        Comment (why, for the version history)
        <input
          type="text"
          maxLength={2000}
          value={choices.comment}
          onChange={(e) => set({ comment: e.target.value })}
        />
      </label>
    </fieldset>
  );
}
