import { RawJson } from '../../checkpoint/raw-json.js';
import { type SlotColumns, slotsOf, WindowSlot } from './window-slot.js';

/**
 * How aligned windows checkpoint one key group: per window, the keys as a JSON array and the
 * numbers as typed arrays in base64 (little-endian, as every platform Node runs on).
 * Checkpoints every second of a million keys made `JSON.stringify` of number columns the
 * largest cost of checkpointing; this form copies numbers as bytes, and the keys of a window
 * only ever grow, so their JSON is kept and extended rather than built again.
 */
export interface PackedWindow {
  start: number;
  end: number;
  key: string[];
  /** Uint32Array per slot, or Float64Array (`count64`) once a count outgrows 32 bits. */
  count?: string;
  count64?: string;
  /** Float64Array per slot; left out while every slot's is 0 (counts never set it). */
  acc?: string;
  /** Uint8Array per slot, 1 = the newest contents were emitted; left out while none was. */
  fired?: string;
  /** Distinct values per slot: present for distinct-count, where every slot has them. */
  distinct?: unknown[][];
}

export interface PackedGroup {
  windows: PackedWindow[];
}

const base64Of = (array: Float64Array | Uint32Array | Uint8Array) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

/**
 * One window's slots of one key group, in the order they were added (slots of an aligned
 * window are only ever added, the window goes as a whole), with the JSON of their keys so far.
 */
export class WindowGroupSlots {
  readonly slots: WindowSlot[] = [];
  /** JSON array body (no brackets) of the first `keysInJson` slots' keys. */
  private keysJson = '';
  private keysInJson = 0;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {}

  /**
   * This window's slots as `PackedWindow` JSON. Counts go as 32 bits unless one outgrows
   * them; the other columns are only allocated once a slot has something to put there.
   */
  packed(): string {
    const { slots } = this;
    const n = slots.length;
    const count = new Uint32Array(n);
    let count64: Float64Array | null = null;
    let acc: Float64Array | null = null;
    let fired: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      const slot = slots[i] as WindowSlot;
      count[i] = slot.count;
      if (slot.count > 0xffff_ffff) count64 ??= Float64Array.from(slots, (s) => s.count);
      if (slot.acc !== 0) {
        acc ??= new Float64Array(n);
        acc[i] = slot.acc;
      }
      if (slot.fired) {
        fired ??= new Uint8Array(n);
        fired[i] = 1;
      }
    }
    const parts = [`"start":${this.start}`, `"end":${this.end}`, `"key":[${this.keysText()}]`];
    if (count64) parts.push(`"count64":"${base64Of(count64)}"`);
    else parts.push(`"count":"${base64Of(count)}"`);
    if (acc) parts.push(`"acc":"${base64Of(acc)}"`);
    if (fired) parts.push(`"fired":"${base64Of(fired)}"`);
    if (n > 0 && slots[0]?.distinct)
      parts.push(`"distinct":${JSON.stringify(slots.map((s) => [...(s.distinct ?? [])]))}`);
    return `{${parts.join(',')}}`;
  }

  private keysText(): string {
    const { slots } = this;
    if (this.keysInJson < slots.length) {
      const added = JSON.stringify(slots.slice(this.keysInJson).map((s) => s.key)).slice(1, -1);
      this.keysJson = this.keysInJson === 0 ? added : `${this.keysJson},${added}`;
      this.keysInJson = slots.length;
    }
    return this.keysJson;
  }
}

/** A key group's windows as the state value a snapshot holds for it. */
export const packedGroup = (windows: WindowGroupSlots[]): RawJson =>
  new RawJson(`{"windows":[${windows.map((w) => w.packed()).join(',')}]}`);

/** Typed-array bytes from base64, copied so the view is aligned and owns its memory. */
function bytesOf(base64: string, bytesPerItem: number, items: number, what: string): ArrayBuffer {
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length !== items * bytesPerItem)
    throw new Error(`window state: "${what}" holds ${decoded.length} bytes for ${items} keys`);
  const copy = new Uint8Array(decoded.length);
  copy.set(decoded);
  return copy.buffer;
}

function countsOf(window: PackedWindow, n: number): ArrayLike<number> {
  if (window.count64 !== undefined)
    return new Float64Array(bytesOf(window.count64, 8, n, 'count64'));
  return new Uint32Array(bytesOf(window.count ?? '', 4, n, 'count'));
}

function slotsOfWindow(window: PackedWindow, keyGroup: number): WindowSlot[] {
  const n = window.key.length;
  const count = countsOf(window, n);
  const acc = window.acc === undefined ? null : new Float64Array(bytesOf(window.acc, 8, n, 'acc'));
  const fired =
    window.fired === undefined ? null : new Uint8Array(bytesOf(window.fired, 1, n, 'fired'));
  return window.key.map((key, i) => {
    const slot = new WindowSlot(key, keyGroup, window.start, window.end);
    slot.count = count[i] ?? 0;
    slot.acc = acc?.[i] ?? 0;
    slot.fired = fired?.[i] === 1;
    const values = window.distinct?.[i];
    slot.distinct = values ? new Set(values) : null;
    return slot;
  });
}

/**
 * The slots of one key group's stored window state: packed (aligned windows) or columns
 * (session windows, and checkpoints taken before aligned windows packed their state).
 */
export function slotsOfGroup(state: unknown, keyGroup: number): WindowSlot[] {
  if (typeof state === 'object' && state !== null && 'windows' in state)
    return (state as PackedGroup).windows.flatMap((w) => slotsOfWindow(w, keyGroup));
  return slotsOf(state as SlotColumns, keyGroup);
}
