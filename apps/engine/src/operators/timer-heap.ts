/**
 * A binary min-heap of (time, item) in two parallel arrays, so a timer costs no allocation.
 * Operators keep an ordered index of what fires when with it instead of scanning all state on
 * each watermark. Rescheduling pushes a new entry; the stale one is skipped when popped
 * (the owner keeps the valid time on the item and compares).
 */
export class TimerHeap<T> {
  private readonly times: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.times.length;
  }

  /** The earliest time; only meaningful when `size > 0`. */
  peekTime(): number {
    return this.times[0] as number;
  }

  push(time: number, item: T): void {
    const { times, items } = this;
    let i = times.length;
    times.push(time);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((times[parent] as number) <= time) break;
      times[i] = times[parent] as number;
      items[i] = items[parent] as T;
      i = parent;
    }
    times[i] = time;
    items[i] = item;
  }

  /** Removes and returns the earliest item; only call when `size > 0`. */
  pop(): T {
    const { times, items } = this;
    const top = items[0] as T;
    const lastTime = times.pop() as number;
    const lastItem = items.pop() as T;
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child =
          right < n && (times[right] as number) < (times[left] as number) ? right : left;
        if ((times[child] as number) >= lastTime) break;
        times[i] = times[child] as number;
        items[i] = items[child] as T;
        i = child;
      }
      times[i] = lastTime;
      items[i] = lastItem;
    }
    return top;
  }

  clear(): void {
    this.times.length = 0;
    this.items.length = 0;
  }
}
