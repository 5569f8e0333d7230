/**
 * Each key's slot index in one window's key group: an open-addressing table in one
 * Int32Array, four ints an entry (hash, the key packed in two ints, index + 1; 0 is empty).
 *
 * The window lookup is memory-bound: with 100k keys it cost ~620 ns of a keyed-count record,
 * most of it cache misses. A Map<string, number> touches a bucket, an entry and the stored key
 * string (to compare), then the count column. Here a key of up to 7 characters below 256 (user
 * ids, country codes) is compared as the two packed ints inside its entry, so a lookup touches
 * the entry and the count column; a longer key is compared with the string kept in the columns.
 */
export class KeyIndex {
  private table = new Int32Array(INITIAL_CAPACITY * INTS);
  private mask = INITIAL_CAPACITY - 1;
  private entries = 0;
  /** The key of a `findOrInsert` packed (see `packKey`). */
  private readonly packed = new Int32Array(2);

  /** `keyAt(index)` is the key stored with `index`, for keys too long to pack. */
  constructor(private readonly keyAt: (index: number) => string) {}

  /**
   * The index stored for `key`; if it has none, stores `next` (never one stored before) and
   * returns it.
   */
  findOrInsert(key: string, next: number): number {
    const { table, mask, packed } = this;
    const hash = hashKey(key);
    if (!packKey(key, packed)) packed[0] = packed[1] = LONG;
    const lo = packed[0] as number;
    const hi = packed[1] as number;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * INTS;
      const stored = table[at + 3] as number;
      if (stored === 0) {
        table[at] = hash;
        table[at + 1] = lo;
        table[at + 2] = hi;
        table[at + 3] = next + 1;
        if (++this.entries * 2 > mask + 1) this.grow();
        return next;
      }
      if (
        table[at] === hash &&
        table[at + 1] === lo &&
        table[at + 2] === hi &&
        (hi !== LONG || this.keyAt(stored - 1) === key)
      )
        return stored - 1;
    }
  }

  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    this.table = new Int32Array(capacity * INTS);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += INTS) {
      if (old[at + 3] === 0) continue;
      let slot = (old[at] as number) & this.mask;
      while (this.table[slot * INTS + 3] !== 0) slot = (slot + 1) & this.mask;
      this.table.set(old.subarray(at, at + INTS), slot * INTS);
    }
  }
}

/**
 * Writes `key` into `out` as two ints when it has up to 7 characters below 256: one a byte,
 * four in `out[0]`, three in `out[1]`, whose top byte holds the length + 1 (so never 0, and
 * 'a' differs from 'a\u0000'). Two keys that pack are equal exactly when their ints are.
 * Returns false, `out` undefined, when the key does not pack.
 */
export function packKey(key: string, out: Int32Array): boolean {
  if (key.length > MAX_PACKED) return false;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return false;
    if (i < 4) lo |= c << (8 * i);
    else hi |= c << (8 * (i - 4));
  }
  out[0] = lo;
  out[1] = hi | ((key.length + 1) << 24);
  return true;
}

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser to spread it over the table. */
function hashKey(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

const INTS = 4;
const INITIAL_CAPACITY = 16;
/** Up to 7 characters pack: 4 in `lo`, 3 in `hi`, whose top byte holds the length + 1. */
const MAX_PACKED = 7;
/** Both ints of a key that does not pack (a packed one's second is never 0). */
const LONG = 0;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
