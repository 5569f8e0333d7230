import type { MessagePort } from 'node:worker_threads';
import type { ChannelEvent } from '../../core/messages.js';
import { decodeValues, encodeValues, type WireValues } from './wire-batch.js';

type DataEvent = Extract<ChannelEvent, { t: 'data' }>;

/** A data batch as it crosses threads: records and keys as `WireValues`, key groups as raw ints. */
export type WireEvent =
  | Exclude<ChannelEvent, { t: 'data' }>
  | { t: 'wire'; ch: number; values: WireValues; groups: Int32Array };

/**
 * Records cross threads as text and number arrays, not through postMessage's structured clone
 * of the objects: V8's JSON.stringify/parse move a batch of small objects about 1.6x faster
 * (measured here on 512-record batches), and columns faster again (see `WireValues`). Not
 * read with the FlatJsonReader: its strings are slices of the text read, and a key kept in a
 * window's state would keep the whole batch's text alive with it.
 */
const encode = (event: DataEvent): WireEvent => ({
  t: 'wire',
  ch: event.ch,
  values: encodeValues(event.values, event.keys),
  groups: Int32Array.from(event.groups),
});

/**
 * Moves channel events between worker slots. Events to another slot are buffered and posted
 * once per turn as one message (postMessage has a fixed cost worth amortising); events to the
 * own slot are handed over directly, without copying. Events from other slots are decoded and
 * delivered as they arrive.
 */
export class Transport {
  private readonly outbox = new Map<number, WireEvent[]>();

  constructor(
    private readonly ownSlot: number,
    private readonly ports: Map<number, MessagePort>,
    private readonly deliver: (event: ChannelEvent) => void,
  ) {
    for (const port of ports.values())
      port.on('message', (events: WireEvent[]) => {
        for (const event of events) deliver(this.decode(event));
      });
  }

  send(peerSlot: number, event: ChannelEvent): void {
    if (peerSlot === this.ownSlot) {
      this.deliver(event);
      return;
    }
    let pending = this.outbox.get(peerSlot);
    if (!pending) {
      pending = [];
      this.outbox.set(peerSlot, pending);
    }
    pending.push(event.t === 'data' ? encode(event) : event);
  }

  flush(): void {
    for (const [slot, events] of this.outbox) {
      if (events.length === 0) continue;
      const port = this.ports.get(slot);
      if (!port) throw new Error(`no port to worker slot ${slot}`);
      port.postMessage(events);
      this.outbox.set(slot, []);
    }
  }

  private decode(event: WireEvent): ChannelEvent {
    if (event.t !== 'wire') return event;
    const { values, keys } = decodeValues(event.values);
    return { t: 'data', ch: event.ch, values, keys, groups: Array.from(event.groups) };
  }
}
