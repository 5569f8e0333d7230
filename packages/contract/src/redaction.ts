export const SECRET_KEY = /password|secret|token/i;
export const REDACTED = '[redacted]';

/** A copy of an API input with every secret-looking field replaced, fit for the audit trail. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? REDACTED : redactSecrets(v),
    ]),
  );
}

/**
 * Where `value` still holds a redacted secret, as paths like `operators[2].config.password`:
 * a spec copied from the console (which only ever shows it redacted) must not run with the
 * placeholder as its password.
 */
export function redactedFields(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => redactedFields(v, `${at}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const path = at ? `${at}.${key}` : key;
    return SECRET_KEY.test(key) && v === REDACTED ? [path] : redactedFields(v, path);
  });
}
