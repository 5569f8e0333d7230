/**
 * How long the new version of an upgrade (a spec, or a Flink job's program) has to prove
 * itself before the one running now starts again, as typed: whole seconds, 0 = never.
 */
export function RollbackAfterField({
  value,
  what,
  onChange,
}: {
  value: string;
  /** What the upgrade replaces: "version" of a spec, "program" of a jar. */
  what: 'version' | 'program';
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      Roll back automatically after (seconds; 0 = never)
      <input
        type="number"
        min={0}
        step={1}
        className="narrow"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="muted small">
        The new {what} must run and complete a checkpoint within this time, or the current {what}{' '}
        starts again from the same state.
      </span>
    </label>
  );
}
