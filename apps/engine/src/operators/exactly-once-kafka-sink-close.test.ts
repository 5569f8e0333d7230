import { KafkaSinkConfigSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { waitFor } from '../../testing/wait-for.js';
import type {
  KafkaSinkClient,
  OutgoingRecord,
  TransactionalProducer,
} from '../connectors/kafka/sink-client.js';
import { ExactlyOnceKafkaSink } from './exactly-once-kafka-sink.js';

/** A client whose transactional producer logs every call and holds `send` until released. */
function recordingClient() {
  const calls: string[] = [];
  let release = () => {};
  const sendHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  const producer: TransactionalProducer = {
    init: async () => void calls.push('init'),
    begin: async () => void calls.push('begin'),
    send: async (records: OutgoingRecord[]) => {
      calls.push(`send ${records.length}`);
      await sendHeld;
    },
    sendOffsets: async () => void calls.push('sendOffsets'),
    commit: async () => void calls.push('commit'),
    abort: async () => void calls.push('abort'),
    close: async () => void calls.push('close'),
  };
  const client: KafkaSinkClient = {
    transactionalProducer: () => producer,
    producer: () => {
      throw new Error('not used by the exactly-once sink');
    },
    admin: () => ({
      committedOffset: async () => null,
      partitionCount: async () => 1,
      close: async () => void calls.push('admin close'),
    }),
  };
  return { client, calls, release: () => release() };
}

const config = KafkaSinkConfigSchema.parse({
  connection: { brokers: ['k:9092'] },
  topic: 'out',
  delivery: 'exactly-once',
});

describe('the exactly-once Kafka sink closing', () => {
  it('never commits: a transaction under way at close aborts, and no later one starts', async () => {
    const { client, calls, release } = recordingClient();
    const sink = new ExactlyOnceKafkaSink(config, 'job', () => client);
    const harness = new OperatorHarness(sink);
    harness.operator.processElement({ n: 1 }, 0, undefined, 0);
    sink.snapshotState(1);
    const committing = sink.notifyCheckpointComplete(1, () => true);
    await waitFor('the transaction to send', () => calls.includes('send 1'));

    // The run ends (cancel, or this instance lost leadership) while the send is under way.
    const closing = sink.close();
    release();
    await Promise.all([committing, closing]);
    await sink.notifyCheckpointComplete(2, () => true);

    expect(calls).not.toContain('commit');
    // The open transaction is aborted (by the commit's last check, or by close itself) before
    // the producer disconnects; nothing is sent after that.
    const aborted = calls.indexOf('abort');
    expect(aborted).toBeGreaterThan(calls.lastIndexOf('send 1'));
    expect(calls.slice(aborted).filter((c) => c !== 'abort')).toEqual(['close', 'admin close']);
  });
});
