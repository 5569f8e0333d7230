import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../testing/wait-for.js';
import { keyGroupOf } from '../../core/key-groups.js';
import type { ChannelEvent, SubtaskAssignment } from '../../core/messages.js';
import { OutputChannel } from './output-channel.js';
import { Partitioner } from './partitioner.js';
import { Transport } from './transport.js';

const MAX_PARALLELISM = 128;
const BATCH = 8;

const edge: SubtaskAssignment['outputs'][number] = {
  fromOperator: 'parse',
  sideOutput: undefined,
  partitioning: 'hash',
  keyField: 'user',
  targetInput: 0,
  channels: [{ id: 7, peerSlot: 1 }],
};

type DataEvent = Extract<ChannelEvent, { t: 'data' }>;

/** Routes `values` over a hash edge from slot 0 to slot 1 through a real MessageChannel. */
async function shipped(values: Array<Record<string, unknown>>) {
  const { port1, port2 } = new MessageChannel();
  const received: DataEvent[] = [];
  const sender = new Transport(0, new Map([[1, port1]]), () => {});
  new Transport(1, new Map([[0, port2]]), (event) => {
    if (event.t === 'data') received.push(event);
  });
  const channel = new OutputChannel(7, 1, 1_000, BATCH, sender);
  const partitioner = new Partitioner(edge, [channel], 0, MAX_PARALLELISM);
  try {
    for (const value of values) partitioner.route(value);
    channel.flush();
    sender.flush();
    await waitFor(
      'every record at the receiver',
      () => received.reduce((n, e) => n + e.values.length, 0) === values.length,
      5_000,
      1,
    );
    return received;
  } finally {
    port1.close();
  }
}

/** Key fields JSON changes (NaN and Infinity become null, -0 becomes 0) and ones it keeps. */
const anyUser = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const click = fc.record({ user: anyUser, page: fc.string() });

describe('records crossing threads over a hash edge', () => {
  it('keep the key and key group the sender computed, whatever the key field holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(click, { maxLength: 40 }), async (values) => {
        const received = await shipped(values);
        const keys = values.map((v) => String(v.user));
        expect(received.flatMap((e) => e.keys)).toEqual(keys);
        expect(received.flatMap((e) => e.groups)).toEqual(
          keys.map((k) => keyGroupOf(k, MAX_PARALLELISM)),
        );
        expect(received.flatMap((e) => e.values)).toEqual(JSON.parse(JSON.stringify(values)));
      }),
      { numRuns: 50 },
    );
  });
});
