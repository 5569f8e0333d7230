import type { ChannelEvent } from '../../core/messages.js';

type Incoming = Exclude<ChannelEvent, { t: 'credit' }>;

/** The receiving end of a channel: an ordered queue, blockable while a barrier aligns. */
export class InputChannel {
  private readonly queue: Incoming[] = [];
  private head = 0;
  /** Held back at a barrier until every other input has delivered the same barrier. */
  blocked = false;
  ended = false;
  idle = false;
  watermark = Number.MIN_SAFE_INTEGER;

  constructor(
    readonly id: number,
    readonly peerSlot: number,
    /** Operator input index of the chain head this channel feeds. */
    readonly input: number,
  ) {}

  push(event: Incoming): void {
    this.queue.push(event);
  }

  get hasEvents(): boolean {
    return this.head < this.queue.length;
  }

  get queuedBatches(): number {
    return this.queue.length - this.head;
  }

  take(): Incoming | undefined {
    const event = this.queue[this.head];
    if (event === undefined) return undefined;
    this.head += 1;
    // Compact occasionally so a long-lived queue does not grow without bound.
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return event;
  }
}
