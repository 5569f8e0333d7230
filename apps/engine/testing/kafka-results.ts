import type { JobSpec, OperatorSpec, WindowResult } from '@weir/contract';
import { readCommitted } from './read-committed.js';

/** An exactly-once Kafka sink for window results (uid "results"), keyed by the window's key. */
export function kafkaResultsSink(brokers: string[], topic: string): OperatorSpec {
  return {
    uid: 'results',
    kind: 'kafka-sink',
    config: {
      connection: {
        brokers,
        clientId: 'weir',
        tls: false,
        connectionTimeoutMs: 3000,
        requestTimeoutMs: 10_000,
      },
      topic,
      delivery: 'exactly-once',
      key: { field: 'key' },
      format: 'json',
      transactionTimeoutMs: 120_000,
    },
  };
}

/** `spec` with its file sink (uid "results") replaced by `sink`. */
export const withSink = (spec: JobSpec, sink: OperatorSpec): JobSpec => ({
  ...spec,
  operators: spec.operators.map((op) => (op.uid === 'results' ? sink : op)),
});

/** The window results a `read_committed` consumer sees in `topic`. */
export async function readWindowResults(brokers: string[], topic: string): Promise<WindowResult[]> {
  return (await readCommitted(brokers, topic)).map((value) => JSON.parse(value) as WindowResult);
}
