export const SECRET_KEY = /password|secret|token|authorization/i;
export const REDACTED = '[redacted]';

/**
 * True for a secret *reference* (`{ env: NAME }` or `{ file: path }`, nothing else beside it):
 * it names where the secret lives, not the secret, so it is shown and exported as it is. A spec
 * exported from the console then runs again without the reference typed in anew.
 */
export function isSecretReference(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.length !== 1) return false;
  const [key, v] = entries[0] as [string, unknown];
  if (key === 'env') return typeof v === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(v);
  if (key === 'file') return typeof v === 'string' && v.length > 0 && v.length <= 1024;
  return false;
}

/**
 * What a secret-looking field (`SECRET_KEY`) holding `value` may show: a reference as it is,
 * any literal value (a string, a number, an object that is not exactly a reference) redacted.
 */
export function redactedSecret(value: unknown): unknown {
  return isSecretReference(value) ? value : REDACTED;
}

/**
 * A copy of an API input with every literal secret replaced, fit for the audit trail and the
 * spec view. References to secrets (`{ env }`, `{ file }`) are kept: they are not secrets.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? redactedSecret(v) : redactSecrets(v),
    ]),
  );
}

/**
 * Where `value` still holds a redacted secret, as paths like `operators[2].config.password`:
 * a spec copied from the console (which only ever shows literal secrets redacted) must not run
 * with the placeholder as its password.
 */
export function redactedFields(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => redactedFields(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const path = at ? `${at}.${key}` : key;
    return SECRET_KEY.test(key) && v === REDACTED ? [path] : redactedFields(v, path);
  });
}
