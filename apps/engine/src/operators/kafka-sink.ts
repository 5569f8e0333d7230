import type { KafkaSinkConfig } from '@weir/contract';
import type { KafkaSinkClient } from '../connectors/kafka/sink-client.js';
import type { Operator } from '../core/operator.js';
import { invalidArgument } from '../errors/weir-error.js';
import { ExactlyOnceKafkaSink } from './exactly-once-kafka-sink.js';
import { StreamingKafkaSink } from './streaming-kafka-sink.js';

/**
 * What an exactly-once sink's transaction timeout must leave for a failover on top of the
 * checkpoint interval: a ZooKeeper session timeout, the new leader's recovery, and a restart.
 */
export const FAILOVER_ALLOWANCE_MS = 60_000;

/**
 * Refuses a transaction timeout the broker could run out while the sink still needs its
 * transaction. A transaction holds everything owed since the last commit, which after a
 * failover (or leases refused meanwhile) is up to a checkpoint interval plus the failover's
 * output: with a shorter timeout the broker would abort such commits again and again.
 */
function checkTransactionTimeout(
  uid: string,
  config: KafkaSinkConfig,
  checkpointIntervalMs: number,
): void {
  if (config.delivery !== 'exactly-once') return;
  const least = checkpointIntervalMs + FAILOVER_ALLOWANCE_MS;
  if (config.transactionTimeoutMs < least)
    throw invalidArgument(
      `operator "${uid}": config.transactionTimeoutMs (${config.transactionTimeoutMs} ms) must ` +
        `cover the checkpoint interval (${checkpointIntervalMs} ms) plus ${FAILOVER_ALLOWANCE_MS} ms ` +
        `for a failover: at least ${least} ms`,
    );
}

/** The sink for `config.delivery`, on the Kafka client `connect` builds when it opens. */
export function createKafkaSink(
  uid: string,
  config: KafkaSinkConfig,
  job: { id: string; checkpointIntervalMs: number },
  connect: () => KafkaSinkClient,
): Operator {
  checkTransactionTimeout(uid, config, job.checkpointIntervalMs);
  return config.delivery === 'exactly-once'
    ? new ExactlyOnceKafkaSink(config, job.id, connect)
    : new StreamingKafkaSink(config, config.delivery === 'at-least-once', connect);
}
