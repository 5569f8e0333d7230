/**
 * Keeps the newest `capacity` items and drops the oldest: recent time series for charts in a
 * fixed amount of memory, however long the engine runs.
 */
export class RingBuffer<T> {
  private readonly items: T[] = [];
  /** Where the next item goes once the buffer is full (it holds the oldest item then). */
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`ring buffer capacity must be a positive integer, not ${capacity}`);
  }

  push(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }
}
