import { REDACTED, redactedSecret, SECRET_KEY } from '@weir/contract';

/** Bounds of what one audit row keeps of a call's input: enough to see what was asked. */
export const AUDIT_LIMITS = {
  /** Rendered parameters, in characters of JSON. */
  paramsChars: 4096,
  /** Levels of nesting kept; deeper values are replaced by a marker. */
  depth: 12,
  /** Entries kept per object or array. */
  entries: 64,
  /** Characters kept per string. */
  stringChars: 1024,
} as const;

export const TOO_DEEP = '[nested deeper than the audit keeps]';

/**
 * What the audit trail records of a call's raw input: literal secrets redacted (references to
 * secrets kept), NUL characters (which PostgreSQL refuses in text and jsonb) replaced, depth,
 * entries and strings bounded,
 * and the whole rendering at most `AUDIT_LIMITS.paramsChars` long (else a marked preview). Any
 * input a request can carry renders, so no input can keep its audit row from being written: a
 * form (a jar upload) as its fields, each file as its name and size, never its content.
 */
export function auditParams(raw: unknown): Record<string, unknown> {
  const bounded = bound(raw, 0);
  const text = JSON.stringify(bounded) ?? 'null';
  if (text.length <= AUDIT_LIMITS.paramsChars)
    return typeof bounded === 'object' && bounded !== null && !Array.isArray(bounded)
      ? (bounded as Record<string, unknown>)
      : { input: bounded };
  return {
    truncated: true,
    chars: text.length,
    preview: text.slice(0, AUDIT_LIMITS.paramsChars - 200),
  };
}

/** A string fit for a text column: no NUL characters, at most `max` characters. */
export function auditText(value: string, max: number = AUDIT_LIMITS.stringChars): string {
  const clean = value.replaceAll('\0', '\uFFFD');
  return clean.length <= max ? clean : `${clean.slice(0, max)}…[truncated]`;
}

/** A form's fields by name; a field sent several times, as a list of its values. */
function formFields(form: FormData): Record<string, unknown> {
  const fields = new Map<string, unknown[]>();
  for (const [name, value] of form.entries()) {
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return Object.fromEntries(
    [...fields].map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}

/** A command-line flag that names a secret: `--password`, `-Dsasl.secret`, `--api-token`. */
const SECRET_FLAG = /^-{1,2}[\w.-]*$/;

/**
 * Program arguments with the values of secret-named flags redacted: `--password x` and
 * `--password=x` keep the flag, not the value (a jar's arguments are audited as given).
 */
function withoutFlagSecrets(items: unknown[]): unknown[] {
  return items.map((item, i) => {
    const previous = items[i - 1];
    if (typeof previous === 'string' && SECRET_FLAG.test(previous) && SECRET_KEY.test(previous))
      return REDACTED;
    if (typeof item === 'string' && item.startsWith('-') && item.includes('=')) {
      const flag = item.slice(0, item.indexOf('='));
      if (SECRET_FLAG.test(flag) && SECRET_KEY.test(flag)) return `${flag}=${REDACTED}`;
    }
    return item;
  });
}

function bound(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return auditText(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value ?? null;
  if (value instanceof Blob)
    return {
      fileName: value instanceof File ? auditText(value.name, 256) : null,
      bytes: value.size,
    };
  if (value instanceof FormData) return bound(formFields(value), depth);
  if (depth >= AUDIT_LIMITS.depth) return TOO_DEEP;
  if (Array.isArray(value)) {
    const kept = withoutFlagSecrets(value.slice(0, AUDIT_LIMITS.entries)).map((v) =>
      bound(v, depth + 1),
    );
    return value.length > kept.length ? [...kept, `[${value.length - kept.length} more]`] : kept;
  }
  const entries = Object.entries(value);
  const kept = entries.slice(0, AUDIT_LIMITS.entries).map(([key, v]) => [
    auditText(key, 128),
    // A reference (`{ env }`, `{ file }`) stays: it names where the secret lives.
    SECRET_KEY.test(key) ? bound(redactedSecret(v), depth + 1) : bound(v, depth + 1),
  ]);
  if (entries.length > kept.length)
    kept.push(['[more]', `${entries.length - kept.length} more fields`]);
  return Object.fromEntries(kept);
}
