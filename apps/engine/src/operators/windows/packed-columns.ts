import { WindowSlot } from './window-slot.js';

/**
 * Window slots' aggregates in a checkpoint: typed arrays in base64 (little-endian, as on every
 * platform Node runs on), one item per slot. Turning a million numbers into decimal text every
 * second was the largest cost of checkpointing; this copies them as bytes.
 */
export interface PackedColumns {
  /**
   * The counts in the narrowest width that holds the largest: Uint8Array (`count8`),
   * Uint16Array (`count16`), Uint32Array (`count`) or Float64Array (`count64`). Counts are
   * mostly small, and every checkpoint re-sends the column of a window that changed: at one
   * byte a count, that is a quarter of what 32 bits cost (written, sent, hashed).
   */
  count8?: string;
  count16?: string;
  count?: string;
  count64?: string;
  /** Float64Array; left out while every slot's is 0 (counts never set it). */
  acc?: string;
  /** Uint8Array, 1 = the newest contents were emitted; left out while none was. */
  fired?: string;
  /** Distinct values per slot: present for distinct-count, where every slot has them. */
  distinct?: unknown[][];
}

/** A count column, in the narrowest of these widths that holds its largest count. */
export type CountArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** The `PackedColumns` name of a count column of this width. */
const countColumnName = (count: CountArray) =>
  count instanceof Uint8Array
    ? 'count8'
    : count instanceof Uint16Array
      ? 'count16'
      : count instanceof Uint32Array
        ? 'count'
        : 'count64';

/** A new count column of `length` zeros, wide enough for `largest`. */
export const countArrayFor = (largest: number, length: number): CountArray =>
  largest <= 0xff
    ? new Uint8Array(length)
    : largest <= 0xffff
      ? new Uint16Array(length)
      : largest <= 0xffff_ffff
        ? new Uint32Array(length)
        : new Float64Array(length);

export const base64Of = (array: ArrayBufferView) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/**
 * The first `n` items of the columns as `PackedColumns` members, in parts of JSON text (no
 * braces), each column's base64 a part of its own: joined into the text around it, a column
 * of megabytes would be copied once more for nothing. A null column is left out.
 */
export function columnParts(
  n: number,
  columns: { count: CountArray; acc: Float64Array | null; fired: Uint8Array | null },
): string[] {
  const { count, acc, fired } = columns;
  const parts = [`"${countColumnName(count)}":"`, base64Of(count.subarray(0, n)), '"'];
  if (acc) parts.push(',"acc":"', base64Of(acc.subarray(0, n)), '"');
  if (fired) parts.push(',"fired":"', base64Of(fired.subarray(0, n)), '"');
  return parts;
}

/**
 * The `PackedColumns` members of `slots` (see `columnParts`). Columns are allocated only once
 * a slot has something to put there.
 */
export function packColumns(slots: readonly WindowSlot[]): string[] {
  const n = slots.length;
  let largest = 0;
  let acc: Float64Array | null = null;
  let fired: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const slot = slots[i] as WindowSlot;
    if (slot.count > largest) largest = slot.count;
    if (slot.acc !== 0) {
      acc ??= new Float64Array(n);
      acc[i] = slot.acc;
    }
    if (slot.fired) {
      fired ??= new Uint8Array(n);
      fired[i] = 1;
    }
  }
  const count = countArrayFor(largest, n);
  for (let i = 0; i < n; i++) count[i] = (slots[i] as WindowSlot).count;
  const parts = columnParts(n, { count, acc, fired });
  if (n > 0 && slots[0]?.distinct)
    parts.push(`,"distinct":${JSON.stringify(slots.map((s) => [...(s.distinct ?? [])]))}`);
  return parts;
}

/** Typed-array bytes from base64, copied so the view is aligned and owns its memory. */
export function bytesOf(
  base64: string,
  bytesPerItem: number,
  items: number,
  what: string,
): ArrayBuffer {
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length !== items * bytesPerItem)
    throw new Error(`window state: "${what}" holds ${decoded.length} bytes for ${items} keys`);
  const copy = new Uint8Array(decoded.length);
  copy.set(decoded);
  return copy.buffer;
}

function countsOf(columns: PackedColumns, n: number): ArrayLike<number> {
  if (columns.count8 !== undefined) return new Uint8Array(bytesOf(columns.count8, 1, n, 'count8'));
  if (columns.count16 !== undefined)
    return new Uint16Array(bytesOf(columns.count16, 2, n, 'count16'));
  if (columns.count64 !== undefined)
    return new Float64Array(bytesOf(columns.count64, 8, n, 'count64'));
  return new Uint32Array(bytesOf(columns.count ?? '', 4, n, 'count'));
}

/** Slots for `keys` with their aggregates from `columns`; `windowOf(i)` is slot i's window. */
export function unpackSlots(
  keys: readonly string[],
  keyGroup: number,
  columns: PackedColumns,
  windowOf: (i: number) => [start: number, end: number],
): WindowSlot[] {
  const n = keys.length;
  const count = countsOf(columns, n);
  const acc =
    columns.acc === undefined ? null : new Float64Array(bytesOf(columns.acc, 8, n, 'acc'));
  const fired =
    columns.fired === undefined ? null : new Uint8Array(bytesOf(columns.fired, 1, n, 'fired'));
  return keys.map((key, i) => {
    const [start, end] = windowOf(i);
    const slot = new WindowSlot(key, keyGroup, start, end);
    slot.count = count[i] ?? 0;
    slot.acc = acc?.[i] ?? 0;
    slot.fired = fired?.[i] === 1;
    const values = columns.distinct?.[i];
    slot.distinct = values ? new Set(values) : null;
    return slot;
  });
}
