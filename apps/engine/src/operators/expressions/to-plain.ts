/**
 * CEL ints are BigInt and uints, timestamps and durations are objects: none of them survive
 * JSON or a checkpoint, so they become numbers and strings. Converts in place, since CEL builds
 * fresh containers for its results and input records hold only JSON values already.
 */
export function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const field = record[key];
      if (typeof field === 'bigint' || (typeof field === 'object' && field !== null))
        record[key] = toPlain(field);
    }
    return record;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  const primitive = (value as { valueOf(): unknown }).valueOf();
  return typeof primitive === 'bigint' || typeof primitive === 'number'
    ? Number(primitive)
    : String(value);
}
