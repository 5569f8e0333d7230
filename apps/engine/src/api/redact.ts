const SECRET_KEY = /password|secret|token/i;
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
