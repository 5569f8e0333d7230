/**
 * A secret the engine returns exactly once (a generated password, a new API token): it is
 * stored only hashed, so once this notice is gone nobody can show it again.
 */
export function ShownOnce({
  label,
  secret,
  testId,
}: {
  label: string;
  secret: string;
  testId: string;
}) {
  return (
    <div className="notice notice-ok shown-once" role="status">
      <p>{label} Copy it now: it is shown only this once.</p>
      <code className="secret" data-testid={testId}>
        {secret}
      </code>
    </div>
  );
}
