import { RoleGatedButton } from '../RoleGatedButton';

interface Props {
  /** The check that changes nothing (a plan preview, a dry run), and its label. */
  checkLabel: string;
  onCheck: () => void;
  /** The action itself (submit, upgrade). */
  actLabel: string;
  onAct: () => void;
  /** Both wait: the text is not a spec yet, or something is on its way. */
  disabled: boolean;
  /** The action waits for more, e.g. a passing dry run. */
  actDisabled?: boolean;
}

/**
 * A spec form's two buttons, both the operator's: a check that changes nothing, then the
 * action. A viewer sees both disabled and the reason once, beside the action.
 */
export function SpecActions({
  checkLabel,
  onCheck,
  actLabel,
  onAct,
  disabled,
  actDisabled,
}: Props) {
  return (
    <div className="actions">
      <RoleGatedButton
        requires="operator"
        showReason={false}
        className="button-quiet"
        disabled={disabled}
        onClick={onCheck}
      >
        {checkLabel}
      </RoleGatedButton>
      <RoleGatedButton
        requires="operator"
        className="button-primary"
        disabled={disabled || actDisabled}
        onClick={onAct}
      >
        {actLabel}
      </RoleGatedButton>
    </div>
  );
}
