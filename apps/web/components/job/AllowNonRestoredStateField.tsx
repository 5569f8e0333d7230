import { CheckboxField } from './CheckboxField';

/** Whether a restore or upgrade may drop state that no operator of the job takes any more. */
export function AllowNonRestoredStateField({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <CheckboxField checked={checked} onChange={onChange}>
      Allow non-restored state: drop state whose operator is no longer in the job
    </CheckboxField>
  );
}
