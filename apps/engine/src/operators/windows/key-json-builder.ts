/** A window of a key group may hold a handful of keys: start small, grow by doubling. */
const INITIAL_BYTES = 64;
/** Kept between snapshots at most: a burst of new keys must not pin its buffer for good. */
const RETAINED_BYTES = 4096;

/**
 * The JSON array body (no brackets) of keys, in UTF-8, written as each key arrives rather than
 * at the next snapshot: the key was just read from its record and is in the CPU's cache then,
 * while a snapshot that reads a million keys scattered over the heap waits on memory for
 * each (in the keyed-count benchmark, about 170 ns a key; the same JSON.stringify over keys
 * allocated side by side took 22).
 */
export class KeyJsonBuilder {
  private bytes = new Uint8Array(INITIAL_BYTES);
  private length = 0;
  /** No key was ever added: the next one has no comma before it. */
  private first = true;

  get pending(): boolean {
    return this.length > 0;
  }

  add(key: string): void {
    this.reserve(key.length + 3);
    const { bytes } = this;
    let at = this.length;
    if (!this.first) bytes[at++] = 0x2c; // ,
    bytes[at++] = 0x22; // "
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      // Control characters, quote, backslash and anything past ASCII: JSON.stringify knows how.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.addEscaped(key);
        return;
      }
      bytes[at++] = c;
    }
    bytes[at++] = 0x22;
    this.length = at;
    this.first = false;
  }

  /** The JSON of the keys added since the last call, in an array of its own. */
  take(): Uint8Array {
    const taken = this.bytes.slice(0, this.length);
    this.length = 0;
    if (this.bytes.byteLength > RETAINED_BYTES) this.bytes = new Uint8Array(INITIAL_BYTES);
    return taken;
  }

  private addEscaped(key: string): void {
    const json = Buffer.from(`${this.first ? '' : ','}${JSON.stringify(key)}`);
    this.reserve(json.byteLength);
    this.bytes.set(json, this.length);
    this.length += json.byteLength;
    this.first = false;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.bytes.byteLength) return;
    const grown = new Uint8Array(Math.max(this.bytes.byteLength * 2, this.length + bytes));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
