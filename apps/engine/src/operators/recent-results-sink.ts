import { StatelessOperator } from './stateless-operator.js';

/**
 * Keeps the newest `capacity` results in memory for the console; not part of checkpoints.
 * A ring buffer, so a fast stream costs O(1) per record rather than a shift of the array.
 */
export class RecentResultsSink extends StatelessOperator {
  private readonly ring: unknown[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {
    super();
  }

  processElement(value: unknown): void {
    this.ring[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  recent(limit: number): unknown[] {
    const { ring, next } = this;
    const newestFirst = [...ring.slice(0, next).reverse(), ...ring.slice(next).reverse()];
    return newestFirst.slice(0, limit);
  }
}
