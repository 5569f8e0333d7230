import type { SnapshotKind } from '@weir/contract';
import type { ChannelEvent } from '../../core/messages.js';
import type { Transport } from './transport.js';

type Queued = Exclude<ChannelEvent, { t: 'credit' }>;

/**
 * The sending end of a channel with credit-based flow control: a data batch may only be sent
 * while the receiver has granted credit for it. Without credit, one sealed batch waits here
 * and the channel reports itself blocked, which stops its producer: memory stays bounded and
 * a slow consumer slows its producers instead.
 */
export class OutputChannel {
  private values: unknown[] = [];
  private keys: Array<string | undefined> = [];
  private groups: number[] = [];
  private readonly waiting: Queued[] = [];
  private sealedWaiting = 0;

  constructor(
    readonly id: number,
    readonly peerSlot: number,
    private credits: number,
    private readonly batchSize: number,
    private readonly transport: Transport,
  ) {}

  add(value: unknown, key: string | undefined, group: number): void {
    this.values.push(value);
    this.keys.push(key);
    this.groups.push(group);
    if (this.values.length >= this.batchSize) this.seal();
  }

  /** True while a full batch waits for credit: the producer must pause. */
  get blocked(): boolean {
    return this.sealedWaiting > 0;
  }

  /** Batches waiting for credit (for the output-queue metric). */
  get queued(): number {
    return this.sealedWaiting + (this.values.length > 0 ? 1 : 0);
  }

  watermark(watermark: number): void {
    this.control({ t: 'watermark', ch: this.id, watermark });
  }

  idle(): void {
    this.control({ t: 'idle', ch: this.id });
  }

  barrier(checkpointId: number, kind: SnapshotKind): void {
    this.control({ t: 'barrier', ch: this.id, checkpointId, kind });
  }

  end(): void {
    this.control({ t: 'end', ch: this.id });
  }

  /** End of a processing turn: ship a partial batch rather than hold records back. */
  flush(): void {
    if (this.values.length > 0) this.seal();
  }

  grant(n: number): void {
    this.credits += n;
    this.drain();
  }

  /** Control events keep their place behind the data sent before them. */
  private control(event: Queued): void {
    this.flush();
    this.waiting.push(event);
    this.drain();
  }

  private seal(): void {
    this.waiting.push({
      t: 'data',
      ch: this.id,
      values: this.values,
      keys: this.keys,
      groups: this.groups,
    });
    this.sealedWaiting += 1;
    this.values = [];
    this.keys = [];
    this.groups = [];
    this.drain();
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Queued;
      if (next.t === 'data') {
        if (this.credits === 0) return;
        this.credits -= 1;
        this.sealedWaiting -= 1;
      }
      this.waiting.shift();
      this.transport.send(this.peerSlot, next);
    }
  }
}
