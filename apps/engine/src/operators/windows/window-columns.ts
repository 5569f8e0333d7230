import { KeyIndex } from './key-index.js';
import { KeyJsonBuilder } from './key-json-builder.js';
import { type CountArray, columnParts, countArrayFor } from './packed-columns.js';
import type { WindowCell } from './window-slot.js';

/**
 * One aligned window's keys of one key group, their aggregates kept column by column in typed
 * arrays: a checkpoint then copies each column as bytes instead of visiting a million objects
 * to collect their counts (that walk was most of a snapshot's cost). Keys are only ever added
 * (an aligned window goes as a whole), so a key's index never changes.
 *
 * The JSON of the keys is kept as byte pieces, not rebuilt: each snapshot adds a piece for the
 * keys added since the previous one, and the runtime sends and stores each piece once (see
 * `RawJson`).
 */
export class WindowColumns {
  /** How many slots (keys) there are; slot i is the i-th key added. */
  private size = 0;
  private readonly keys: string[] = [];
  private capacity = 64;
  /** Widened when a count outgrows it, so a checkpoint copies one byte per count while it can. */
  private count: CountArray = new Uint8Array(this.capacity);
  private countLimit = 0xff;
  /** Allocated when a slot first needs one; until then every slot's is 0 / false / none. */
  private acc: Float64Array | null = null;
  private fired: Uint8Array | null = null;
  private distinct: Array<Set<unknown> | null> | null = null;
  /** Joined, the JSON array body (no brackets) of the keys up to the previous snapshot. */
  private readonly keyPieces: Uint8Array[] = [];
  /** The JSON of the keys added since. */
  private readonly newKeys = new KeyJsonBuilder();

  constructor(
    readonly keyGroup: number,
    readonly start: number,
    readonly end: number,
  ) {}

  /** Each key's slot index. */
  private readonly index = new KeyIndex((i) => this.keys[i] as string);

  /** The slot index of `key`, added empty if it has none. */
  slotOf(key: string): number {
    const index = this.index.findOrInsert(key, this.size);
    if (index === this.size) this.add(key);
    return index;
  }

  private add(key: string): void {
    const index = this.size++;
    if (index === this.capacity) this.grow();
    this.keys.push(key);
    this.newKeys.add(key);
  }

  /**
   * Slot `index` as aggregates and firing see it. A view made per use (young and short-lived,
   * so nearly free) rather than kept per slot: a kept one was another object, and another
   * cache miss, between a key's map entry and its count.
   */
  cell(index: number): WindowCell {
    return new ColumnCell(this, index);
  }

  get slots(): number {
    return this.size;
  }

  keyAt(i: number): string {
    return this.keys[i] as string;
  }

  countAt(i: number): number {
    return this.count[i] as number;
  }

  setCount(i: number, count: number): void {
    if (count > this.countLimit) this.widen(count);
    this.count[i] = count;
  }

  accAt(i: number): number {
    return this.acc === null ? 0 : (this.acc[i] as number);
  }

  setAcc(i: number, acc: number): void {
    if (this.acc === null) {
      if (acc === 0) return;
      this.acc = new Float64Array(this.capacity);
    }
    this.acc[i] = acc;
  }

  firedAt(i: number): boolean {
    return this.fired !== null && this.fired[i] === 1;
  }

  setFired(i: number, fired: boolean): void {
    if (this.fired === null) {
      if (!fired) return;
      this.fired = new Uint8Array(this.capacity);
    }
    this.fired[i] = fired ? 1 : 0;
  }

  distinctAt(i: number): Set<unknown> | null {
    return this.distinct === null ? null : (this.distinct[i] ?? null);
  }

  setDistinct(i: number, values: Set<unknown> | null): void {
    this.distinct ??= [];
    this.distinct[i] = values;
  }

  /** This window's slots as the parts of its `PackedWindow` JSON. */
  packedParts(): Array<string | Uint8Array> {
    this.addKeyPiece();
    const n = this.size;
    const parts: Array<string | Uint8Array> = [
      `{"start":${this.start},"end":${this.end},"key":[`,
      ...this.keyPieces,
      '],',
      ...columnParts(n, { count: this.count, acc: this.acc, fired: this.fired }),
    ];
    if (this.distinct !== null) {
      const values = Array.from({ length: n }, (_, i) => [...(this.distinct?.[i] ?? [])]);
      parts.push(`,"distinct":${JSON.stringify(values)}`);
    }
    parts.push('}');
    return parts;
  }

  private grow(): void {
    this.capacity *= 2;
    this.count = copied(this.count, countArrayFor(this.countLimit, this.capacity));
    if (this.acc) this.acc = copied(this.acc, new Float64Array(this.capacity));
    if (this.fired) this.fired = copied(this.fired, new Uint8Array(this.capacity));
  }

  private widen(count: number): void {
    this.count = copied(this.count, countArrayFor(count, this.capacity));
    this.countLimit =
      this.count instanceof Float64Array
        ? Number.POSITIVE_INFINITY
        : 2 ** (8 * this.count.BYTES_PER_ELEMENT) - 1;
  }

  private addKeyPiece(): void {
    const { keyPieces } = this;
    if (!this.newKeys.pending) return;
    keyPieces.push(this.newKeys.take());
    // Merged like a binary counter (a piece joins the one before when at least as large): a
    // window has O(log n) pieces, and each key is written O(log n) times over its life.
    while (keyPieces.length >= 2) {
      const [before, last] = keyPieces.slice(-2) as [Uint8Array, Uint8Array];
      if (last.byteLength < before.byteLength) break;
      keyPieces.splice(-2, 2, Buffer.concat([before, last]));
    }
  }
}

/** `into` with `from`'s items at its start (`into` is at least as long and as wide). */
function copied<T extends CountArray>(from: CountArray, into: T): T {
  into.set(from);
  return into;
}

/** A slot of `WindowColumns`: its fields read and write the columns at its index. */
class ColumnCell implements WindowCell {
  constructor(
    private readonly columns: WindowColumns,
    private readonly index: number,
  ) {}

  get key(): string {
    return this.columns.keyAt(this.index);
  }

  get keyGroup(): number {
    return this.columns.keyGroup;
  }
  get start(): number {
    return this.columns.start;
  }
  get end(): number {
    return this.columns.end;
  }
  get count(): number {
    return this.columns.countAt(this.index);
  }
  set count(count: number) {
    this.columns.setCount(this.index, count);
  }
  get acc(): number {
    return this.columns.accAt(this.index);
  }
  set acc(acc: number) {
    this.columns.setAcc(this.index, acc);
  }
  get fired(): boolean {
    return this.columns.firedAt(this.index);
  }
  set fired(fired: boolean) {
    this.columns.setFired(this.index, fired);
  }
  get distinct(): Set<unknown> | null {
    return this.columns.distinctAt(this.index);
  }
  set distinct(values: Set<unknown> | null) {
    this.columns.setDistinct(this.index, values);
  }
}
